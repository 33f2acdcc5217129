package terraform

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/netlint/netlint/model"
)

// corpusDir holds third-party plans and states, copied unmodified from the
// team's shared corpus (see its SOURCES.md) so tests run on a clean clone.
const corpusDir = "../../testdata/corpus"

const fixtureDir = "../../testdata/terraform"

func loadFile(t *testing.T, path string) *model.Network {
	t.Helper()
	n, err := Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	return n
}

func corpusFile(t *testing.T, rel string) string {
	t.Helper()
	return filepath.Join(corpusDir, rel)
}

func fixture(t *testing.T, name string) *model.Network {
	t.Helper()
	return loadFile(t, filepath.Join(fixtureDir, name))
}

// counts returns the number of elements per non-empty map of the network.
func counts(n *model.Network) map[string]int {
	out := map[string]int{}
	put := func(k string, l int) {
		if l > 0 {
			out[k] = l
		}
	}
	put("vpcs", len(n.VPCs))
	put("subnets", len(n.Subnets))
	put("route_tables", len(n.RouteTables))
	put("vpn_gateways", len(n.VPNGateways))
	put("transit_gateways", len(n.TransitGateways))
	put("tgw_attachments", len(n.TGWAttachments))
	put("tgw_route_tables", len(n.TGWRouteTables))
	put("customer_gateways", len(n.CustomerGateways))
	put("vpn_connections", len(n.VPNConnections))
	put("peerings", len(n.Peerings))
	put("dx_connections", len(n.DXConnections))
	put("dx_lags", len(n.DXLAGs))
	put("dx_vifs", len(n.DXVIFs))
	put("dx_gateways", len(n.DXGateways))
	put("dx_gateway_associations", len(n.DXGatewayAssociations))
	put("vpc_endpoints", len(n.VPCEndpoints))
	put("endpoint_services", len(n.EndpointServices))
	put("client_vpn_endpoints", len(n.ClientVPNEndpoints))
	put("instances", len(n.Instances))
	put("network_interfaces", len(n.NetworkInterfaces))
	put("security_groups", len(n.SecurityGroups))
	put("alarms", len(n.Alarms))
	put("sites", len(n.Sites))
	return out
}

func checkCounts(t *testing.T, n *model.Network, want map[string]int) {
	t.Helper()
	if got := counts(n); !reflect.DeepEqual(got, want) {
		t.Errorf("element counts:\n got  %v\n want %v", got, want)
	}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func eqList[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// checkIDs asserts that every element is stored under its own ID and carries
// its address and type: the contract every policy relies on.
func checkIDs(t *testing.T, n *model.Network) {
	t.Helper()
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for name, raw := range doc {
		if name == "derived" {
			continue
		}
		var elems map[string]struct {
			ID, Type, Address string
		}
		if err := json.Unmarshal(raw, &elems); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for key, e := range elems {
			if e.ID != key || e.Address != key || e.Type == "" {
				t.Errorf("%s[%q]: id %q, address %q, type %q", name, key, e.ID, e.Address, e.Type)
			}
		}
	}
}
