package hostile.bigset_test

import data.hostile.bigset

test_never_denies if {
	count(bigset.deny) == 0
}
