variable "vpc_id" {
  type = string
}

resource "aws_subnet" "this" {
  count      = 2
  vpc_id     = var.vpc_id
  cidr_block = cidrsubnet("10.10.0.0/16", 8, count.index)
}
