package hostile.slow_test

import data.hostile.slow

test_never_denies if {
	count(slow.deny) == 0
}
