# The network team picked the client pool from the payroll spoke's range
# (10.20.0.0/16), thinking it was unused because no subnet covers it yet.
client_cidr_block = "10.20.252.0/22"
