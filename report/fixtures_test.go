package report

import (
	"github.com/netlint/netlint/finding"
	"github.com/netlint/netlint/model"
)

// catalogue is a small rule catalogue shared by the fixtures.
var catalogue = []finding.Rule{
	{
		ID:          "NL001",
		Name:        "overlapping-connected-ranges",
		Severity:    finding.Error,
		Title:       "Connected networks must not use overlapping CIDR ranges",
		Description: "Traffic between networks with overlapping ranges cannot be routed unambiguously.",
		Remediation: "Re-address one of the networks so that connected ranges are disjoint.",
		Family:      "addressing",
		Builtin:     true,
	},
	{
		ID:          "NL102",
		Name:        "vpn-single-tunnel-device",
		Severity:    finding.Warning,
		Title:       "Site-to-Site VPN should terminate on two customer devices",
		Description: "One customer gateway is a single point of failure for the site.",
		Remediation: "Add a second customer gateway and VPN connection on a separate device.",
		Family:      "vpn",
		Builtin:     true,
	},
	{
		ID:       "NL305",
		Name:     "missing-tunnel-alarm",
		Severity: finding.Notice,
		Title:    "VPN tunnels should have a CloudWatch alarm",
		Family:   "monitoring",
		Builtin:  true,
	},
}

// emptyResult: a clean run.
func emptyResult() *finding.Result {
	return &finding.Result{ToolVersion: "0.1.0", Rules: catalogue}
}

// mixedResult: Terraform input with every severity, both waiver kinds, file:line,
// a module resource with a related location, and findings in an order that is not
// grouped by severity.
func mixedResult() *finding.Result {
	return &finding.Result{
		ToolVersion: "0.1.0",
		Rules:       catalogue,
		Findings: []finding.Finding{
			{
				RuleID:   "NL305",
				RuleName: "missing-tunnel-alarm",
				Severity: finding.Notice,
				Message:  "no alarm watches the tunnels of module.net[\"prod\"].aws_vpn_connection.this",
				Resources: []finding.Resource{{
					Address: `module.net["prod"].aws_vpn_connection.this`,
					Type:    "aws_vpn_connection",
					File:    "network/main.tf",
					Line:    30,
					Module:  `module.net["prod"]`,
					Related: []model.Location{{File: "modules/net/vpn.tf", Line: 4, Message: "resource block inside the module"}},
				}},
			},
			{
				RuleID:   "NL001",
				RuleName: "overlapping-connected-ranges",
				Severity: finding.Error,
				Message:  "aws_vpc.b (10.1.0.0/16) overlaps aws_vpc.c (10.1.128.0/17); both attach to aws_ec2_transit_gateway.hub",
				Resources: []finding.Resource{
					{Address: "aws_vpc.b", Type: "aws_vpc", File: "network/main.tf", Line: 12},
					{Address: "aws_vpc.c", Type: "aws_vpc", File: "network/main.tf", Line: 20},
				},
			},
			{
				RuleID:     "NL102",
				RuleName:   "vpn-single-tunnel-device",
				Severity:   finding.Warning,
				Message:    "module.branch_a.aws_vpn_connection.main is the only VPN to site branch-a",
				Resources:  []finding.Resource{{Address: "module.branch_a.aws_vpn_connection.main", Type: "aws_vpn_connection", File: "branches/a.tf", Line: 3}},
				Suppressed: true,
				Suppression: &finding.Suppression{
					Kind:    "config",
					Reason:  "single branch router, accepted by network team",
					Expires: "2027-03-31",
				},
			},
			{
				RuleID:    "NL102",
				RuleName:  "vpn-single-tunnel-device",
				Severity:  finding.Warning,
				Message:   "aws_vpn_connection.hq is the only VPN to site hq",
				Resources: []finding.Resource{{Address: "aws_vpn_connection.hq", Type: "aws_vpn_connection", File: "network/vpn.tf"}},
			},
			{
				RuleID:   "NL001",
				RuleName: "overlapping-connected-ranges",
				Severity: finding.Error,
				Message:  "aws_vpc.lab (10.9.0.0/16) overlaps site lab (10.9.0.0/24) -> routed over aws_vpn_connection.lab",
				Resources: []finding.Resource{
					{Address: "aws_vpc.lab", Type: "aws_vpc", File: "lab/main.tf", Line: 1},
					{Address: "site.lab"},
				},
				Suppressed:  true,
				Suppression: &finding.Suppression{Kind: "inline", Reason: "lab is never connected at the same time"},
			},
		},
		NotEvaluated: []finding.NotEvaluated{
			{RuleID: "NL001", Resource: "aws_vpc.ipam", Address: "aws_vpc.ipam", Reason: "the CIDRs of aws_vpc.ipam are not known until apply"},
			{RuleID: "NL107", Resource: "aws_vpn_connection.a", Address: "aws_vpn_connection.a"},
			{RuleID: "NL107", Resource: "aws_vpn_connection.b", Address: "aws_vpn_connection.b"},
			{RuleID: "NL404", Resource: "aws_instance.fw", Address: "aws_instance.fw", Reason: "alarms could not be read"},
		},
	}
}

// liveResult: live input (ids and ARNs, region and account, no sources) and a
// finding from a user policy missing from the catalogue.
func liveResult() *finding.Result {
	return &finding.Result{
		ToolVersion: "0.1.0",
		Rules:       catalogue,
		Findings: []finding.Finding{
			{
				RuleID:   "ACME001",
				RuleName: "acme-vpc-naming",
				Severity: finding.Warning,
				Message:  "vpc-0a1b2c3d has no Name tag",
				Resources: []finding.Resource{{
					Address: "vpc-0a1b2c3d",
					Type:    "aws_vpc",
					Region:  "eu-west-1",
					Account: "111122223333",
					AWSID:   "vpc-0a1b2c3d",
				}},
			},
			{
				RuleID:   "NL001",
				RuleName: "overlapping-connected-ranges",
				Severity: finding.Error,
				Message:  "vpc-0a1b2c3d (10.0.0.0/16) overlaps vpc-9f8e7d6c (10.0.0.0/16); peered by pcx-11112222",
				Resources: []finding.Resource{
					{Address: "vpc-0a1b2c3d", Type: "aws_vpc", Region: "eu-west-1", Account: "111122223333"},
					{
						Address: "arn:aws:ec2:us-east-1:444455556666:vpc/vpc-9f8e7d6c",
						Type:    "aws_vpc",
						Region:  "us-east-1",
						Account: "444455556666",
						ARN:     "arn:aws:ec2:us-east-1:444455556666:vpc/vpc-9f8e7d6c",
					},
				},
			},
		},
	}
}
