package netlint.assert_test

import data.netlint.assert

test_equal if {
	assert.equals({1, 2}, {2, 1})
	not assert.equals({1, 2}, {1, 3})
	not assert.equals("a", "b")
	assert.equals([1], [1])
}

test_empty if {
	assert.empty(set())
	assert.empty([])
	not assert.empty({"x"})
}

test_size if {
	assert.size({"a", "b"}, 2)
	not assert.size({"a"}, 2)
}
