package terraform

import "github.com/netlint/netlint/model"

// Peering status codes, as AWS reports them.
const (
	peeringActive  = "active"
	peeringPending = "pending-acceptance"
)

// buildPeering reads a peering connection: a requester, an accepter whose
// requester is not in this root, or the data source of an existing one.
func (t *translator) buildPeering(r *resource) {
	p := &model.Peering{Meta: t.meta(r)}
	p.RequesterVPC = t.setLink(&p.Meta, "requester_vpc", r, "vpc_id", vpcTypes)
	p.AccepterVPC = t.setLink(&p.Meta, "accepter_vpc", r, "peer_vpc_id", vpcTypes)
	p.PeerRegion = r.str("peer_region")
	if p.PeerRegion == "" && r.isUnknown("peer_region") {
		p.MarkUnknown("peer_region")
	}
	p.PeerAccount = r.str("peer_owner_id")
	if p.PeerAccount == "" && r.isUnknown("peer_owner_id") {
		p.MarkUnknown("peer_account")
	}
	switch {
	case r.str("accept_status") != "":
		p.Status = r.str("accept_status")
	case r.str("status") != "": // the data source
		p.Status = r.str("status")
	case r.a.typ == "aws_vpc_peering_connection_accepter":
		p.Status = accepterStatus(r)
	case r.boolean("auto_accept", false):
		// auto_accept works for same-account, same-region pairs only, and
		// the apply fails otherwise: either way the plan means "active".
		p.Status = peeringActive
	default:
		p.Status = peeringPending
	}
	p.RequesterCIDRs = t.cidrBlocks(r, "cidr_block_set")
	p.AccepterCIDRs = t.cidrBlocks(r, "peer_cidr_block_set")
	t.net.Peerings[p.ID] = p
}

func accepterStatus(r *resource) string {
	if s := r.str("accept_status"); s != "" {
		return s
	}
	if r.boolean("auto_accept", false) {
		return peeringActive
	}
	return peeringPending
}

// cidrBlocks reads a list of {cidr_block} blocks (data source CIDR sets).
func (t *translator) cidrBlocks(r *resource, attr string) []string {
	blocks, unknowns, _ := r.blocks(attr)
	var out []string
	for i := range blocks {
		if c, _ := r.elem(attr, blocks, unknowns, i).cidr("cidr_block", ipv4Only); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// applyPeeringAccepter marks a peering of this root accepted by an accepter of
// this root (typically in the peer's provider).
func (t *translator) applyPeeringAccepter(r *resource) {
	p := t.net.Peerings[t.alias[r.addr]]
	if p == nil {
		return
	}
	if s := accepterStatus(r); s == peeringActive || p.Status == "" {
		p.Status = s
	}
}
