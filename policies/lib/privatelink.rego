# Helpers for the PrivateLink rules (NL7xx).
package netlint.lib.privatelink

import data.netlint.lib

# interface_endpoints are the interface endpoints of the model: gateway and
# Gateway Load Balancer endpoints neither span AZs nor reach across regions.
interface_endpoints := {id: ep |
	some id, ep in input.vpc_endpoints
	lower(object.get(ep, "endpoint_type", "")) == "interface"
}

# region_pattern matches an AWS region name: us-east-1, us-gov-west-1, ap-southeast-2.
region_pattern := `[a-z]{2}(?:-[a-z]+)+-[0-9]+`

# service_name_patterns capture the region in the service names AWS gives
# endpoint services (com.amazonaws.vpce.<region>.vpce-svc-...) and AWS services
# (com.amazonaws.<region>.<service>, aws.<prefix>.<region>.<service>).
service_name_patterns := [
	concat("", [`^com\.amazonaws\.vpce\.(`, region_pattern, `)\.vpce-svc-[0-9a-z]+$`]),
	concat("", [`^com\.amazonaws\.(`, region_pattern, `)\.[a-z0-9.-]+$`]),
	concat("", [`^aws\.[a-z0-9-]+\.(`, region_pattern, `)\.[a-z0-9.-]+$`]),
]

# name_region is the region a service name carries; undefined when it carries
# none that netlint recognises.
name_region(name) := regions[0] if {
	regions := [m[0][1] |
		some p in service_name_patterns
		m := regex.find_all_string_submatch_n(p, name, 1)
		count(m) > 0
	]
	count(regions) > 0
}

# services_by_name indexes the endpoint services of the model by their known
# service name (a complete rule of indexed comprehensions: see zones_by_vpc in
# lib/tgw.rego).
services_by_name := {name: ids |
	some name in {s.service_name | some s in input.endpoint_services}
	name != ""
	ids := {id |
		some id, s in input.endpoint_services
		s.service_name == name
		not lib.unknown(s, "service_name")
	}
}

# model_service is the id of the endpoint service of the model that an endpoint
# names: through the endpoint_service link when the model has one, else by its
# known service name. Undefined when the service is not in the model.
model_service(ep) := id if {
	id := object.get(ep, "endpoint_service", "")
	input.endpoint_services[id]
} else := id if {
	not lib.unknown(ep, "service_name")
	ids := services_by_name[ep.service_name]
	count(ids) == 1
	some id in ids
}

# service describes the service an endpoint names: {region, name, id}, id being
# the endpoint service's model id ("" when the service is not in the model).
# Undefined when its region cannot be told.
service(ep) := {"region": s.region, "name": service_label(s), "id": id} if {
	id := model_service(ep)
	s := input.endpoint_services[id]
	object.get(s, "region", "") != ""
} else := {"region": r, "name": ep.service_name, "id": ""} if {
	not lib.unknown(ep, "service_name")
	r := name_region(ep.service_name)
}

# service_label names an endpoint service of the model: its address, with the
# service name when known.
service_label(s) := sprintf("%s (%s)", [lib.addr(s), s.service_name]) if {
	not lib.unknown(s, "service_name")
	object.get(s, "service_name", "") != ""
} else := lib.addr(s)
