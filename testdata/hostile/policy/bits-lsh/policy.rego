# bits.lsh(1, 2^40): one allocation of 128 GiB.
#
# METADATA
# title: hostile case bits-lsh
# description: 'bits.lsh(1, 2^40): one allocation of 128 GiB.'
# custom:
#   id: HOSTILE030
#   name: hostile-bits-lsh
#   severity: warning
#   remediation: None; it exists to be refused or documented.
package hostile.bits_lsh

import data.netlint.lib

deny contains lib.finding("x", []) if {
	x := bits.lsh(1, 1099511627776)
	x < 0
}
