package terraform

import "testing"

// TestTypeSetsComeFromTheTable: the link type sets are made from the one
// table of resource types, so they are all there once the package is
// initialised, and each names only types the table knows.
func TestTypeSetsComeFromTheTable(t *testing.T) {
	sets := map[string]typeSet{
		"vpc": vpcTypes, "subnet": subnetTypes, "route table": rtTypes, "vgw": vgwTypes, "cgw": cgwTypes,
		"tgw": tgwTypes, "tgw route table": tgwRTTypes, "tgw attachment": tgwAttTypes, "vpn": vpnTypes,
		"peering": peeringTypes, "instance": instanceTypes, "eni": eniTypes, "only eni": onlyENI, "sg": sgTypes,
		"endpoint": endpointTypes, "service": serviceTypes, "client vpn": clientVPN, "dx connection": dxConnTypes,
		"dx lag": dxLAGTypes, "dx gateway": dxGWTypes, "vif": vifTypes, "dx association gateway": dxAssocGWTypes,
		"lb": lbTypes, "eip": eipTypes, "public ip": publicIPTypes, "watched": watchedTypes, "prefix list": prefixListTypes,
		"vpc attachment": vpcAttTypes,
	}
	for name, s := range sets {
		if len(s) == 0 {
			t.Errorf("%s types are empty (set before the table was filled?)", name)
		}
		for typ := range s {
			if _, ok := resourceTypes[typ]; !ok {
				t.Errorf("%s types name %s, which the table does not know", name, typ)
			}
		}
	}
	if !vpcTypes["aws_default_vpc"] || !eniTypes["aws_instance"] || !tgwAttTypes["aws_ec2_transit_gateway_connect"] {
		t.Error("a link type set lacks a type its kind includes")
	}
	for typ, rt := range resourceTypes {
		if rt.data && rt.build == nil {
			t.Errorf("%s: a data source element needs a builder", typ)
		}
	}
}
