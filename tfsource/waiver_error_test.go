package tfsource

import (
	"strings"
	"testing"
)

// TestWaiverErrorWithoutReason: a netlint:ignore comment without a reason is
// an error naming the file and line, and waives nothing.
func TestWaiverErrorWithoutReason(t *testing.T) {
	s := index(t, fixture)
	err := s.WaiverError()
	want := fixture + "/network.tf:29: netlint:ignore NL305 has no reason: say why the finding is accepted (# netlint:ignore NL305 <reason>)"
	if err == nil || err.Error() != want {
		t.Fatalf("WaiverError() = %v\nwant %s", err, want)
	}
	for _, w := range s.InlineWaivers() {
		if w.Reason == "" || w.malformed != "" {
			t.Errorf("InlineWaivers() lists a malformed waiver: %+v", w)
		}
	}
	if (*Sources)(nil).WaiverError() != nil {
		t.Error("no sources, no error")
	}
}

func TestWaiverErrorWithoutRuleID(t *testing.T) {
	src := []byte("# netlint:ignore because it is fine\nresource \"aws_vpc\" \"a\" {}\n")
	pd := &parsedDir{}
	pd.scanWaivers("main.tf", src, map[int]string{2: "aws_vpc.a"})
	if len(pd.waivers) != 1 || !strings.Contains(pd.waivers[0].malformed, "netlint:ignore needs a rule id and a reason") {
		t.Fatalf("waivers %+v", pd.waivers)
	}
}

// TestInlineWaiverWith: with= names the other blocks of a pair waiver; a with=
// that names no block is an error, like a missing reason.
func TestInlineWaiverWith(t *testing.T) {
	src := []byte("# netlint:ignore NL001 with=aws_vpc.b lab never talks to b\nresource \"aws_vpc\" \"a\" {}\n" +
		"# netlint:ignore NL001 with=vpc-0123 lab\nresource \"aws_vpc\" \"c\" {}\n")
	pd := &parsedDir{}
	pd.scanWaivers("main.tf", src, map[int]string{2: "aws_vpc.a", 4: "aws_vpc.c"})
	if len(pd.waivers) != 2 {
		t.Fatalf("waivers %+v", pd.waivers)
	}
	if w := pd.waivers[1]; w.Address != "aws_vpc.a" || len(w.With) != 1 || w.With[0] != "aws_vpc.b" || w.Reason != "lab never talks to b" {
		t.Errorf("pair waiver %+v", w)
	}
	s := &Sources{waivers: pd.waivers}
	want := "main.tf:3: netlint:ignore NL001: with=vpc-0123 is not the address of a resource or module block (with=aws_vpc.b)"
	if err := s.WaiverError(); err == nil || err.Error() != want {
		t.Errorf("WaiverError() = %v, want %s", err, want)
	}
}
