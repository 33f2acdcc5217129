package terraform

// buildElement creates the element a resource stands for, if any: a managed
// resource of a type the table builds, or a data source the table marks as
// one (it describes a network element outside the root module, so that links
// by id to existing infrastructure land on something with CIDRs and
// attachments).
func (t *translator) buildElement(r *resource) {
	rt, ok := resourceTypes[r.a.typ]
	if !ok || rt.build == nil || (r.a.mode == "data" && !rt.data) {
		return
	}
	rt.build(t, r)
}

// applyModifier applies a resource that changes another element: it runs after
// every element exists.
func (t *translator) applyModifier(r *resource) {
	if r.a.mode != "managed" {
		return
	}
	if rt, ok := resourceTypes[r.a.typ]; ok && rt.modify != nil {
		rt.modify(t, r)
	}
}

// finish fills facts that follow from links once all elements exist.
func (t *translator) finish() {
	// An ENI and an instance live in their subnet's AZ.
	for _, id := range sortedMapKeys(t.net.NetworkInterfaces) {
		e := t.net.NetworkInterfaces[id]
		if e.AZ == "" {
			if s := t.net.Subnets[e.Subnet]; s != nil && s.AZ != "" {
				e.AZ = s.AZ
			}
		}
		if in := t.net.Instances[e.Instance]; in != nil {
			in.NetworkInterfaces = appendUnique(in.NetworkInterfaces, id)
		}
	}
	for _, id := range sortedMapKeys(t.net.Instances) {
		in := t.net.Instances[id]
		if in.Subnet == "" || in.PrimaryENI == "" {
			// An instance launched on existing ENIs (network_interface
			// blocks) lives in the subnet of the one at device index 0,
			// which is its primary ENI.
			if e := t.net.NetworkInterfaces[t.launchENI(id)]; e != nil {
				if in.Subnet == "" && e.Subnet != "" {
					in.Subnet = e.Subnet
					in.Unknown = removeField(in.Unknown, "subnet")
				}
				if in.PrimaryENI == "" && e.AWSID != "" {
					in.PrimaryENI = e.AWSID
					in.Unknown = removeField(in.Unknown, "primary_eni")
				}
			}
		}
		if in.AZ == "" {
			if s := t.net.Subnets[in.Subnet]; s != nil && s.AZ != "" {
				in.AZ = s.AZ
				in.Unknown = removeField(in.Unknown, "az")
			}
		}
		if in.AZ == "" {
			// Every ENI attached to an instance is in the instance's AZ.
			for _, eni := range in.NetworkInterfaces {
				if e := t.net.NetworkInterfaces[eni]; e != nil && e.AZ != "" {
					in.AZ = e.AZ
					in.Unknown = removeField(in.Unknown, "az")
					break
				}
			}
		}
	}
	t.linkAppliances()
}

// launchENI returns the model ID of the ENI an instance is launched on: its
// network_interface block with device index 0 (the only block, when the index
// is not known).
func (t *translator) launchENI(instance string) string {
	r := t.byAddr[instance]
	if r == nil || r.a.typ != "aws_instance" {
		return ""
	}
	blocks, unknowns, _ := r.blocks("network_interface")
	for i := range blocks {
		if n, ok := r.elem("network_interface", blocks, unknowns, i).integer("device_index"); !(ok && n == 0) && !(len(blocks) == 1 && !ok) {
			continue
		}
		ids, _ := t.blockLink(r, "network_interface", blocks, unknowns, i, "network_interface_id", onlyENI, false, []string{"device_index"})
		if len(ids) == 1 {
			return ids[0]
		}
		return ""
	}
	return ""
}

func removeField(list []string, field string) []string {
	out := list[:0]
	for _, f := range list {
		if f != field {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
