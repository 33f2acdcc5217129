package aws

import (
	"fmt"
	"strings"
	"time"

	"github.com/netlint/netlint/model"
)

// Step is one service read in one account and region: the unit of progress.
// Each account×region reads three services (EC2, Direct Connect, CloudWatch)
// one after the other.
type Step struct {
	// Done counts the steps finished so far, this one included, of Total.
	Done, Total int
	Account     string
	Region      string
	// Service is the IAM prefix: ec2, directconnect or cloudwatch.
	Service string
	// Counts are the elements read, in a fixed order; kinds with none are left
	// out.
	Counts []Count
	// Failed counts the reads of this service that failed.
	Failed  int
	Elapsed time.Duration
}

// Count is how many elements of one kind a step read.
type Count struct {
	N                int
	Singular, Plural string
}

func (c Count) String() string {
	if c.N == 1 {
		return "1 " + c.Singular
	}
	return fmt.Sprintf("%d %s", c.N, c.Plural)
}

// Label is "account/region service".
func (s Step) Label() string {
	return oneLine(s.Account) + "/" + oneLine(s.Region) + " " + s.Service
}

// String is the step as one plain line, for logs: "111122223333/eu-west-1 ec2:
// 12 VPCs, 40 subnets, 9 route tables (3.2s)".
func (s Step) String() string {
	var parts []string
	for _, c := range s.Counts {
		parts = append(parts, c.String())
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing found")
	}
	if s.Failed > 0 {
		parts = append(parts, Count{s.Failed, "read failed", "reads failed"}.String())
	}
	return fmt.Sprintf("%s: %s (%s)", s.Label(), strings.Join(parts, ", "), s.Elapsed.Round(100*time.Millisecond))
}

// counter counts one kind of element of a network.
type counter struct {
	singular, plural string
	n                func(*model.Network) int
}

// serviceCounters are the kinds each service's step reports.
var serviceCounters = map[string][]counter{
	svcEC2: {
		{"VPC", "VPCs", func(n *model.Network) int { return len(n.VPCs) }},
		{"subnet", "subnets", func(n *model.Network) int { return len(n.Subnets) }},
		{"route table", "route tables", func(n *model.Network) int { return len(n.RouteTables) }},
		{"VPN gateway", "VPN gateways", func(n *model.Network) int { return len(n.VPNGateways) }},
		{"customer gateway", "customer gateways", func(n *model.Network) int { return len(n.CustomerGateways) }},
		{"VPN connection", "VPN connections", func(n *model.Network) int { return len(n.VPNConnections) }},
		{"transit gateway", "transit gateways", func(n *model.Network) int { return len(n.TransitGateways) }},
		{"TGW attachment", "TGW attachments", func(n *model.Network) int { return len(n.TGWAttachments) }},
		{"TGW route table", "TGW route tables", func(n *model.Network) int { return len(n.TGWRouteTables) }},
		{"peering", "peerings", func(n *model.Network) int { return len(n.Peerings) }},
		{"VPC endpoint", "VPC endpoints", func(n *model.Network) int { return len(n.VPCEndpoints) }},
		{"endpoint service", "endpoint services", func(n *model.Network) int { return len(n.EndpointServices) }},
		{"Client VPN endpoint", "Client VPN endpoints", func(n *model.Network) int { return len(n.ClientVPNEndpoints) }},
		{"instance", "instances", func(n *model.Network) int { return len(n.Instances) }},
		{"network interface", "network interfaces", func(n *model.Network) int { return len(n.NetworkInterfaces) }},
		{"security group", "security groups", func(n *model.Network) int { return len(n.SecurityGroups) }},
	},
	svcDX: {
		{"connection", "connections", func(n *model.Network) int { return len(n.DXConnections) }},
		{"LAG", "LAGs", func(n *model.Network) int { return len(n.DXLAGs) }},
		{"virtual interface", "virtual interfaces", func(n *model.Network) int { return len(n.DXVIFs) }},
		{"DX gateway", "DX gateways", func(n *model.Network) int { return len(n.DXGateways) }},
		{"gateway association", "gateway associations", func(n *model.Network) int { return len(n.DXGatewayAssociations) }},
	},
	svcCloudWatch: {
		{"tunnel or status check alarm", "tunnel and status check alarms", func(n *model.Network) int { return len(n.Alarms) }},
	},
}

// counts reports what a unit's network holds of the kinds service reads.
func counts(service string, n *model.Network) []Count {
	var out []Count
	for _, c := range serviceCounters[service] {
		if k := c.n(n); k > 0 {
			out = append(out, Count{k, c.singular, c.plural})
		}
	}
	return out
}
