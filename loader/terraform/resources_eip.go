package terraform

// Elastic IPs are no elements of their own: they tie an IP to an instance or
// an ENI (PublicIPs), and through it a customer gateway to the VPN appliance
// that is its "customer" end (CustomerGateway.Appliance, NL901's classic
// transit VPC).
// A customer gateway's ip_address may name an Elastic IP or an instance's own
// public IP (publicIPTypes).

// eipTarget is what an Elastic IP is attached to: a model ID of an instance or
// an ENI, or unknown.
type eipTarget struct {
	id      string
	unknown bool
}

// linkAppliances fills PublicIPs from Elastic IPs and instances' known public
// IPs, then ties each customer gateway to the instance or ENI holding its IP.
// It runs once every element exists and ENIs know their instances.
func (t *translator) linkAppliances() {
	eips := map[string]eipTarget{}
	eipByIP := map[string]string{}
	for _, r := range t.resources {
		switch r.a.typ {
		case "aws_eip":
			instAttr, eniAttr := "instance", "network_interface"
			if r.a.mode == "data" {
				instAttr, eniAttr = "instance_id", "network_interface_id"
			}
			eips[r.addr] = t.attachmentOf(r, instAttr, eniAttr)
			if ip := r.attrs().ip("public_ip"); ip != "" {
				eipByIP[ip] = r.addr
			}
		case "aws_instance":
			if in := t.net.Instances[r.addr]; in != nil {
				if ip := r.attrs().ip("public_ip"); ip != "" {
					in.PublicIPs = appendUnique(in.PublicIPs, ip)
				}
			}
		case "aws_network_interface":
			// The data source reports the ENI's public IP association.
			if e := t.net.NetworkInterfaces[r.addr]; e != nil {
				blocks, unknowns, _ := r.blocks("association")
				for i := range blocks {
					if ip := r.elem("association", blocks, unknowns, i).ip("public_ip"); ip != "" {
						e.PublicIPs = appendUnique(e.PublicIPs, ip)
					}
				}
			}
		}
	}
	// An association attaches an Elastic IP made elsewhere; it wins over the
	// EIP's own (computed) attachment.
	for _, r := range t.resources {
		if r.a.typ != "aws_eip_association" || r.a.mode != "managed" {
			continue
		}
		target := t.attachmentOf(r, "instance_id", "network_interface_id")
		eip, _ := t.link(r, "allocation_id", eipTypes)
		if t.types[eip] != "aws_eip" {
			eip = eipByIP[r.attrs().ip("public_ip")]
		}
		if eip != "" {
			eips[eip] = target
			continue
		}
		if ip := r.attrs().ip("public_ip"); ip != "" && target.id != "" {
			t.addPublicIP(target.id, ip)
		}
	}
	for _, id := range sortedMapKeys(eips) {
		if ip := t.byAddr[id].str("public_ip"); ip != "" && eips[id].id != "" {
			t.addPublicIP(eips[id].id, ip)
		}
	}
	// An ENI's public IPs are its instance's too.
	for _, id := range sortedMapKeys(t.net.NetworkInterfaces) {
		e := t.net.NetworkInterfaces[id]
		if in := t.net.Instances[e.Instance]; in != nil {
			in.PublicIPs = appendUnique(in.PublicIPs, e.PublicIPs...)
		}
	}
	byIP := t.applianceIPs()
	for _, id := range sortedMapKeys(t.net.CustomerGateways) {
		g := t.net.CustomerGateways[id]
		if r := t.byAddr[id]; r != nil {
			if target, ok := t.gatewayEIP(r, eips); ok {
				if target.unknown {
					g.MarkUnknown("appliance")
				} else {
					g.Appliance = t.applianceOf(target.id)
				}
				continue
			}
		}
		if g.IP != "" {
			g.Appliance = byIP[g.IP]
		}
	}
}

// attachmentOf resolves the instance or ENI an Elastic IP (or an association)
// is attached to. An attribute the provider computes without configuration
// (an EIP's network_interface once instance is set) hides nothing.
func (t *translator) attachmentOf(r *resource, instAttr, eniAttr string) eipTarget {
	hidden := func(attr string) bool {
		return r.unknownIn(attr) && (r.cfg == nil || r.expr(attr) != nil)
	}
	inst, instUnknown := t.link(r, instAttr, instanceTypes)
	if t.net.Instances[inst] != nil {
		return eipTarget{id: inst}
	}
	// eniTypes: an instance's primary_network_interface_id means the instance.
	eni, eniUnknown := t.link(r, eniAttr, eniTypes)
	if t.net.NetworkInterfaces[eni] != nil || t.net.Instances[eni] != nil {
		return eipTarget{id: eni}
	}
	return eipTarget{unknown: (instUnknown && hidden(instAttr)) || (eniUnknown && hidden(eniAttr))}
}

func (t *translator) addPublicIP(id, ip string) {
	if in := t.net.Instances[id]; in != nil {
		in.PublicIPs = appendUnique(in.PublicIPs, ip)
	}
	if e := t.net.NetworkInterfaces[id]; e != nil {
		e.PublicIPs = appendUnique(e.PublicIPs, ip)
	}
}

// applianceOf is the instance an ENI is attached to, else the ENI itself.
func (t *translator) applianceOf(id string) string {
	if e := t.net.NetworkInterfaces[id]; e != nil && t.net.Instances[e.Instance] != nil {
		return e.Instance
	}
	return id
}

// gatewayEIP follows a customer gateway's ip_address expression to the Elastic
// IP (or instance) it reads. ok is false when the expression names none.
func (t *translator) gatewayEIP(r *resource, eips map[string]eipTarget) (eipTarget, bool) {
	e := r.expr("ip_address")
	if e == nil || len(e.References) == 0 {
		return eipTarget{}, false
	}
	t.budget = maxSteps
	ids, _ := t.resolveExpr(e, r.scope(), publicIPTypes, false, 0)
	if len(ids) != 1 {
		return eipTarget{}, false
	}
	switch t.types[ids[0]] {
	case "aws_eip":
		return eips[ids[0]], true
	case "aws_instance":
		if t.net.Instances[ids[0]] != nil {
			return eipTarget{id: ids[0]}, true
		}
	}
	return eipTarget{}, false
}

// applianceIPs indexes the known public IPs of instances and of ENIs on no
// known instance. An IP held by two elements names neither.
func (t *translator) applianceIPs() map[string]string {
	byIP := map[string]string{}
	add := func(ip, id string) {
		if prev, ok := byIP[ip]; ok && prev != id {
			byIP[ip] = ""
			return
		}
		byIP[ip] = id
	}
	for _, id := range sortedMapKeys(t.net.Instances) {
		for _, ip := range t.net.Instances[id].PublicIPs {
			add(ip, id)
		}
	}
	for _, id := range sortedMapKeys(t.net.NetworkInterfaces) {
		e := t.net.NetworkInterfaces[id]
		if t.net.Instances[e.Instance] != nil {
			continue
		}
		for _, ip := range e.PublicIPs {
			add(ip, id)
		}
	}
	return byIP
}
