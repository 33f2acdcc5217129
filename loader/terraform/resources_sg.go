package terraform

import (
	"strings"

	"github.com/netlint/netlint/model"
)

// protocol normalises a rule protocol the way AWS stores it: "-1" for all,
// names for the common protocol numbers.
func protocol(p string) string {
	switch p = strings.ToLower(strings.TrimSpace(p)); p {
	case "all":
		return "-1"
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	case "58":
		return "icmpv6"
	}
	return p
}

func newRule() model.SGRule {
	return model.SGRule{CIDRs: []string{}, IPv6CIDRs: []string{}, PrefixLists: []string{}, SecurityGroups: []string{}}
}

func (t *translator) buildSecurityGroup(r *resource) {
	g := &model.SecurityGroup{Meta: t.meta(r), Ingress: []model.SGRule{}, Egress: []model.SGRule{}}
	g.VPC = t.setLink(&g.Meta, "vpc", r, "vpc_id", vpcTypes)
	for _, dir := range []string{"ingress", "egress"} {
		blocks, unknowns, whole := r.blocks(dir)
		if whole && (r.cfg == nil || r.expr(dir) != nil) {
			g.MarkUnknown(dir)
		}
		var rules []model.SGRule
		for i := range blocks {
			rules = append(rules, t.inlineRule(r, dir, blocks, unknowns, i, g.ID))
		}
		if dir == "ingress" {
			g.Ingress = append(g.Ingress, rules...)
		} else {
			g.Egress = append(g.Egress, rules...)
		}
	}
	t.net.SecurityGroups[g.ID] = g
}

var ruleMatchKeys = []string{"from_port", "to_port", "protocol", "description"}

func (t *translator) inlineRule(r *resource, attr string, blocks []map[string]any, unknowns []map[string]any, i int, self string) model.SGRule {
	b := r.elem(attr, blocks, unknowns, i)
	u := b.u
	rule := newRule()
	rule.Protocol = protocol(b.str("protocol"))
	rule.FromPort, _ = b.integer("from_port")
	rule.ToPort, _ = b.integer("to_port")
	rule.CIDRs = b.cidrs("cidr_blocks", ruleCIDR)
	if anyUnknown(u["cidr_blocks"]) {
		rule.Unknown = append(rule.Unknown, "cidrs")
	}
	rule.IPv6CIDRs = b.cidrs("ipv6_cidr_blocks", ruleCIDR)
	if anyUnknown(u["ipv6_cidr_blocks"]) {
		rule.Unknown = append(rule.Unknown, "ipv6_cidrs")
	}
	if ids, unknown := t.blockLink(r, attr, blocks, unknowns, i, "prefix_list_ids", prefixListTypes, true, ruleMatchKeys); len(ids) > 0 || !unknown {
		rule.PrefixLists = append(rule.PrefixLists, ids...)
	} else {
		rule.Unknown = append(rule.Unknown, "prefix_lists")
	}
	ids, unknown := t.blockLink(r, attr, blocks, unknowns, i, "security_groups", sgTypes, true, ruleMatchKeys)
	rule.SecurityGroups = append(rule.SecurityGroups, ids...)
	if unknown {
		rule.Unknown = append(rule.Unknown, "security_groups")
	}
	if b.boolean("self", false) {
		rule.SecurityGroups = appendUnique(rule.SecurityGroups, self)
	}
	return rule
}

// ruleCIDR is what the provider validates in the CIDR lists of a security
// group rule: each element a CIDR of either family (AWS, not the schema,
// rejects a range of the wrong family, on apply).
const ruleCIDR = anyFamily | required

// applySecurityGroupRule appends a standalone rule to its group.
func (t *translator) applySecurityGroupRule(r *resource) {
	sgID, cands := t.parentOrAny(r, "security_group_id", sgTypes)
	rule := newRule()
	rule.Address = r.addr
	egress := r.a.typ == "aws_vpc_security_group_egress_rule"
	if r.a.typ == "aws_security_group_rule" {
		egress = r.attrs().oneOf("type", "ingress", "egress") == "egress"
		rule.Protocol = protocol(r.str("protocol"))
		rule.CIDRs = r.attrs().cidrs("cidr_blocks", ruleCIDR)
		rule.IPv6CIDRs = r.attrs().cidrs("ipv6_cidr_blocks", ruleCIDR)
		markRule(r, &rule, "cidr_blocks", "cidrs")
		markRule(r, &rule, "ipv6_cidr_blocks", "ipv6_cidrs")
		pls, unknown := t.links(r, "prefix_list_ids", prefixListTypes)
		rule.PrefixLists = append(rule.PrefixLists, pls...)
		if unknown {
			rule.Unknown = append(rule.Unknown, "prefix_lists")
		}
		t.ruleSource(r, &rule, "source_security_group_id", sgID)
	} else {
		rule.Protocol = protocol(r.str("ip_protocol"))
		for _, f := range []struct {
			attr, field string
			spec        cidrSpec
			dst         *[]string
		}{{"cidr_ipv4", "cidrs", ipv4Only, &rule.CIDRs}, {"cidr_ipv6", "ipv6_cidrs", ipv6Only, &rule.IPv6CIDRs}} {
			if c, unknown := r.cidr(f.attr, f.spec); c != "" {
				*f.dst = append(*f.dst, c)
			} else if unknown {
				rule.Unknown = append(rule.Unknown, f.field)
			}
		}
		if pl, unknown := t.link(r, "prefix_list_id", prefixListTypes); pl != "" {
			rule.PrefixLists = append(rule.PrefixLists, pl)
		} else if unknown {
			rule.Unknown = append(rule.Unknown, "prefix_lists")
		}
		t.ruleSource(r, &rule, "referenced_security_group_id", "")
	}
	rule.FromPort, _ = r.integer("from_port")
	rule.ToPort, _ = r.integer("to_port")
	g := t.net.SecurityGroups[sgID]
	switch {
	case g == nil:
		// The group belongs to another root, or the rule's group cannot be
		// told: then each group it may belong to has rules not known.
		field := "ingress"
		if egress {
			field = "egress"
		}
		for _, id := range cands {
			if g := t.net.SecurityGroups[id]; g != nil {
				g.MarkUnknown(field)
			}
		}
	case egress:
		g.Egress = append(g.Egress, rule)
	default:
		g.Ingress = append(g.Ingress, rule)
	}
}

func (t *translator) ruleSource(r *resource, rule *model.SGRule, attr, self string) {
	if src, unknown := t.link(r, attr, sgTypes); src != "" {
		rule.SecurityGroups = append(rule.SecurityGroups, src)
	} else if unknown {
		rule.Unknown = append(rule.Unknown, "security_groups")
	}
	if self != "" && r.boolean("self", false) {
		rule.SecurityGroups = appendUnique(rule.SecurityGroups, self)
	}
}

func markRule(r *resource, rule *model.SGRule, attr, field string) {
	if r.unknownIn(attr) {
		rule.Unknown = append(rule.Unknown, field)
	}
}
