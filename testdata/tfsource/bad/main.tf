resource "aws_vpc" "ok" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "broken" {
  cidr_block = "10.1.0.0/16"
  tags = {
    Name = "broken"
}
