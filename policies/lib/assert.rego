# Assertions for Rego unit tests: each is true when the check holds, and
# otherwise prints what the test got and what it expected (netlint verify and
# go test show the printed lines of a failing test) before failing.
package netlint.assert

# equals holds when got == want. For two sets it also prints what one has that
# the other lacks.
equals(got, want) if got == want

equals(got, want) := false if {
	got != want
	print("got:  ", got)
	print("want: ", want)
	_print_difference(got, want)
}

_print_difference(got, want) if {
	is_set(got)
	is_set(want)
	print("missing:   ", want - got)
	print("unexpected:", got - want)
}

_print_difference(got, want) if not _both_sets(got, want)

_both_sets(a, b) if {
	is_set(a)
	is_set(b)
}

# empty holds when xs (a set, array or object) has nothing in it.
empty(xs) if count(xs) == 0

empty(xs) := false if {
	count(xs) != 0
	print("got:  ", xs)
	print("want: nothing")
}

# size holds when xs has n members.
size(xs, n) if count(xs) == n

size(xs, n) := false if {
	count(xs) != n
	print("got", count(xs), "members:", xs)
	print("want", n)
}
