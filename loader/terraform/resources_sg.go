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
	b, u := blocks[i], unknowns[i]
	rule := newRule()
	rule.Protocol = protocol(asString(b["protocol"]))
	rule.FromPort, _ = asInt(b["from_port"])
	rule.ToPort, _ = asInt(b["to_port"])
	rule.CIDRs = t.ruleCIDRs(r.addr, attr+".cidr_blocks", asStrings(b["cidr_blocks"]))
	if anyUnknown(u["cidr_blocks"]) {
		rule.Unknown = append(rule.Unknown, "cidrs")
	}
	rule.IPv6CIDRs = t.ruleCIDRs(r.addr, attr+".ipv6_cidr_blocks", asStrings(b["ipv6_cidr_blocks"]))
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
	if s, _ := b["self"].(bool); s {
		rule.SecurityGroups = appendUnique(rule.SecurityGroups, self)
	}
	return rule
}

func (t *translator) ruleCIDRs(addr, field string, values []string) []string {
	out := []string{}
	for _, v := range values {
		if !validCIDR(v) {
			t.fail(cidrError(addr, field, v))
			continue
		}
		out = append(out, v)
	}
	return out
}

// applySecurityGroupRule appends a standalone rule to its group.
func (t *translator) applySecurityGroupRule(r *resource) {
	sgID, cands := t.parentOrAny(r, "security_group_id", sgTypes)
	rule := newRule()
	rule.Address = r.addr
	egress := r.a.typ == "aws_vpc_security_group_egress_rule"
	if r.a.typ == "aws_security_group_rule" {
		egress = r.str("type") == "egress"
		rule.Protocol = protocol(r.str("protocol"))
		rule.CIDRs = t.ruleCIDRs(r.addr, "cidr_blocks", r.strings("cidr_blocks"))
		rule.IPv6CIDRs = t.ruleCIDRs(r.addr, "ipv6_cidr_blocks", r.strings("ipv6_cidr_blocks"))
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
			dst         *[]string
		}{{"cidr_ipv4", "cidrs", &rule.CIDRs}, {"cidr_ipv6", "ipv6_cidrs", &rule.IPv6CIDRs}} {
			if c, unknown := t.cidr(r, f.attr); c != "" {
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
