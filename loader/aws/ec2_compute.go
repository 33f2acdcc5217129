package aws

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netlint/netlint/model"
)

// Instances and ENIs are read because routes may point at them (software VPN,
// NAT and firewall appliances: NL401-NL404, NL901).

func (r *reader) readInstances() {
	p := ec2.NewDescribeInstancesPaginator(r.ec2, &ec2.DescribeInstancesInput{})
	r.call(svcEC2, "DescribeInstances", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, res := range out.Reservations {
				for _, i := range res.Instances {
					r.addInstance(i, str(res.OwnerId))
				}
			}
		}
		return nil
	})
}

func (r *reader) addInstance(i types.Instance, owner string) {
	id := str(i.InstanceId)
	if id == "" || (i.State != nil && gone(string(i.State.Name))) {
		return
	}
	inst := &model.Instance{
		Meta:   r.meta(id, "aws_instance", owner, ec2Tags(i.Tags)),
		Subnet: str(i.SubnetId),
		// AWS omits the flag only where it does not apply; its default is on.
		SourceDestCheck:   i.SourceDestCheck == nil || *i.SourceDestCheck,
		InstanceType:      string(i.InstanceType),
		NetworkInterfaces: []string{},
	}
	if i.Placement != nil {
		inst.AZ = str(i.Placement.AvailabilityZone)
	}
	// Public and Elastic IPs tie customer gateways to the instance (link).
	inst.PublicIPs = appendIP(inst.PublicIPs, i.PublicIpAddress)
	for _, n := range i.NetworkInterfaces {
		eni := str(n.NetworkInterfaceId)
		inst.NetworkInterfaces = append(inst.NetworkInterfaces, eni)
		if n.Attachment != nil && n.Attachment.DeviceIndex != nil && *n.Attachment.DeviceIndex == 0 {
			inst.PrimaryENI = eni
		}
		if n.Association != nil {
			inst.PublicIPs = appendIP(inst.PublicIPs, n.Association.PublicIp)
		}
		for _, p := range n.PrivateIpAddresses {
			if p.Association != nil {
				inst.PublicIPs = appendIP(inst.PublicIPs, p.Association.PublicIp)
			}
		}
	}
	r.net.Instances[id] = inst
}

func (r *reader) readNetworkInterfaces() {
	p := ec2.NewDescribeNetworkInterfacesPaginator(r.ec2, &ec2.DescribeNetworkInterfacesInput{})
	r.call(svcEC2, "DescribeNetworkInterfaces", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, n := range out.NetworkInterfaces {
				id := str(n.NetworkInterfaceId)
				if id == "" {
					continue
				}
				eni := &model.NetworkInterface{
					Meta:            r.meta(id, "aws_network_interface", str(n.OwnerId), ec2Tags(n.TagSet)),
					Subnet:          str(n.SubnetId),
					AZ:              str(n.AvailabilityZone),
					SourceDestCheck: n.SourceDestCheck == nil || *n.SourceDestCheck,
				}
				if n.Attachment != nil && !gone(string(n.Attachment.Status)) {
					eni.Instance = str(n.Attachment.InstanceId)
				}
				if n.Association != nil {
					eni.PublicIPs = appendIP(eni.PublicIPs, n.Association.PublicIp)
				}
				for _, p := range n.PrivateIpAddresses {
					if p.Association != nil {
						eni.PublicIPs = appendIP(eni.PublicIPs, p.Association.PublicIp)
					}
				}
				r.net.NetworkInterfaces[id] = eni
			}
		}
		return nil
	})
}

func (r *reader) readSecurityGroups() {
	p := ec2.NewDescribeSecurityGroupsPaginator(r.ec2, &ec2.DescribeSecurityGroupsInput{})
	r.call(svcEC2, "DescribeSecurityGroups", func() error {
		for p.HasMorePages() {
			out, err := p.NextPage(r.ctx)
			if err != nil {
				return err
			}
			for _, g := range out.SecurityGroups {
				id := str(g.GroupId)
				if id == "" {
					continue
				}
				sg := &model.SecurityGroup{
					Meta:    r.meta(id, "aws_security_group", str(g.OwnerId), ec2Tags(g.Tags)),
					VPC:     str(g.VpcId),
					Ingress: sgRules(g.IpPermissions),
					Egress:  sgRules(g.IpPermissionsEgress),
				}
				sg.ARN = str(g.SecurityGroupArn)
				if sg.Name == "" {
					sg.Name = str(g.GroupName)
				}
				r.net.SecurityGroups[id] = sg
			}
		}
		return nil
	})
}

func sgRules(perms []types.IpPermission) []model.SGRule {
	out := []model.SGRule{}
	for _, p := range perms {
		rule := model.SGRule{
			Protocol:       str(p.IpProtocol),
			CIDRs:          []string{},
			IPv6CIDRs:      []string{},
			PrefixLists:    []string{},
			SecurityGroups: []string{},
		}
		// All-traffic rules (-1) carry no ports; the model then holds 0-0, as
		// Terraform does.
		if p.FromPort != nil {
			rule.FromPort = int64(*p.FromPort)
		}
		if p.ToPort != nil {
			rule.ToPort = int64(*p.ToPort)
		}
		for _, c := range p.IpRanges {
			rule.CIDRs = append(rule.CIDRs, str(c.CidrIp))
		}
		for _, c := range p.Ipv6Ranges {
			rule.IPv6CIDRs = append(rule.IPv6CIDRs, str(c.CidrIpv6))
		}
		for _, pl := range p.PrefixListIds {
			rule.PrefixLists = append(rule.PrefixLists, str(pl.PrefixListId))
		}
		for _, g := range p.UserIdGroupPairs {
			rule.SecurityGroups = append(rule.SecurityGroups, str(g.GroupId))
		}
		out = append(out, rule)
	}
	return out
}

// appendIP adds a reported IP once.
func appendIP(list []string, ip *string) []string {
	s := str(ip)
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
