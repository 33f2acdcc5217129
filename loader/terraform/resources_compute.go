package terraform

import "github.com/netlint/netlint/model"

func (t *translator) buildInstance(r *resource) {
	in := &model.Instance{Meta: t.meta(r), NetworkInterfaces: []string{}}
	in.Subnet = t.setLink(&in.Meta, "subnet", r, "subnet_id", subnetTypes)
	in.AZ = r.str("availability_zone")
	if in.AZ == "" && r.isUnknown("availability_zone") {
		in.MarkUnknown("az")
	}
	// AWS enables the check unless told otherwise.
	in.SourceDestCheck = r.boolean("source_dest_check", true)
	if r.isUnknown("source_dest_check") {
		in.MarkUnknown("source_dest_check")
	}
	primary := "primary_network_interface_id"
	if r.a.mode == "data" {
		primary = "network_interface_id"
	}
	in.PrimaryENI = r.str(primary)
	if in.PrimaryENI == "" && r.isUnknown(primary) {
		in.MarkUnknown("primary_eni")
	}
	blocks, unknowns, _ := r.blocks("network_interface")
	for i := range blocks {
		ids, _ := t.blockLink(r, "network_interface", blocks, unknowns, i, "network_interface_id", onlyENI, false, []string{"device_index"})
		if len(ids) == 1 {
			in.NetworkInterfaces = appendUnique(in.NetworkInterfaces, ids[0])
		} else {
			in.MarkUnknown("network_interfaces")
		}
	}
	in.InstanceType = r.str("instance_type")
	t.net.Instances[in.ID] = in
}

func (t *translator) buildNetworkInterface(r *resource) {
	e := &model.NetworkInterface{Meta: t.meta(r)}
	e.Subnet = t.setLink(&e.Meta, "subnet", r, "subnet_id", subnetTypes)
	e.AZ = r.str("availability_zone")
	e.SourceDestCheck = r.boolean("source_dest_check", true)
	if r.isUnknown("source_dest_check") {
		e.MarkUnknown("source_dest_check")
	}
	field := "instance"
	if r.a.mode == "data" {
		field = "instance_id"
	}
	blocks, unknowns, whole := r.blocks("attachment")
	if whole {
		e.MarkUnknown("instance")
	}
	for i := range blocks {
		ids, unknown := t.blockLink(r, "attachment", blocks, unknowns, i, field, instanceTypes, false, []string{"device_index"})
		if len(ids) == 1 {
			e.Instance = ids[0]
		} else if unknown {
			e.MarkUnknown("instance")
		}
	}
	t.net.NetworkInterfaces[e.ID] = e
}

func (t *translator) applyNetworkInterfaceAttachment(r *resource) {
	id, _ := t.link(r, "network_interface_id", onlyENI)
	e := t.net.NetworkInterfaces[id]
	inst, unknown := t.link(r, "instance_id", instanceTypes)
	if e == nil {
		if in := t.net.Instances[inst]; in != nil && id != "" {
			in.NetworkInterfaces = appendUnique(in.NetworkInterfaces, id)
		}
		return
	}
	if inst != "" {
		e.Instance = inst
		e.Unknown = removeField(e.Unknown, "instance")
	} else if unknown {
		e.MarkUnknown("instance")
	}
}
