package tfsource

import (
	"strings"

	"github.com/netlint/netlint/tfaddr"
)

// address is a Terraform resource or module-call address split into the module
// calls that lead to it and the block it names.
type address struct {
	// calls are the module call names from the root, instance keys dropped:
	// module.net["prod"].module.sub[0] gives ["net", "sub"].
	calls []string
	// local is the block's address inside its module without instance key:
	// "aws_vpc.this", "data.aws_vpc.x", or "" for a module instance address.
	local string
	// module is the module instance holding the block, keys included.
	module []tfaddr.Call
}

// moduleKey is the key modules.json uses for the module holding the block:
// "" for the root, "net", "net.sub".
func (a address) moduleKey() string { return strings.Join(a.calls, ".") }

// parseAddress parses a resource address (`module.a["x"].data.aws_vpc.b[0]`) or a
// module instance address (`module.a["x"].module.b`). Model IDs of elements AWS
// creates implicitly carry a `#suffix` after the address of the block that creates
// them (aws_ec2_transit_gateway.hub#default_route_table); such elements point at
// that block. ok is false for anything else: AWS ids, ARNs, config sites.
func parseAddress(s string) (address, bool) {
	if r, err := tfaddr.ParseResource(s); err == nil {
		// A resource type is provider_thing: "site.hq" is not one.
		if !strings.Contains(r.Type, "_") {
			return address{}, false
		}
		return address{calls: callNames(r.Module), local: r.Local(), module: r.Module}, true
	}
	calls, err := tfaddr.ParseModule(s)
	if err != nil || len(calls) == 0 {
		return address{}, false
	}
	return address{calls: callNames(calls), module: calls}, true
}

func callNames(calls []tfaddr.Call) []string {
	if len(calls) == 0 {
		return nil
	}
	names := make([]string, len(calls))
	for i, c := range calls {
		names[i] = c.Name
	}
	return names
}
