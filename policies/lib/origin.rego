# Where an element comes from: created by the plan, read from the AWS account,
# or read by a Terraform data source. Rules that judge what AWS will refuse at
# apply (NL002) skip what AWS has already accepted; rules that need everything
# an element holds (NL604) distrust elements that another configuration manages.
package netlint.lib.origin

# planned is true for an element the plan creates: AWS has not given it an id
# yet.
planned(el) if object.get(el, "aws_id", "") == ""

# live is true for an element read from the AWS account (or a snapshot of one):
# its model ID is its AWS id, where a Terraform element's is its address.
live(el) if {
	id := object.get(el, "aws_id", "")
	id != ""
	id == el.id
}

# data_source is true for an element a Terraform data source reads, and for what
# the loader implies from one (the default route table of
# data.aws_ec2_transit_gateway.hub): it exists, and another configuration
# manages it and what hangs on it.
data_source(el) if regex.match(`^(module\.[^.\[]+(\[[^\]]*\])?\.)*data\.`, el.id)
