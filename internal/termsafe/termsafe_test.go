package termsafe

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	tests := map[string]string{
		"aws_vpc.main":                "aws_vpc.main",
		`module.x["a\b"]`:             `module.x["a\b"]`,
		"réseau":                      "réseau",
		"evil\x1b[2J\x1b]0;title\x07": `evil\x1b[2J\x1b]0;title\x07`,
		"line\nerror   NL001: forged": `line\x0aerror   NL001: forged`,
		"cr\roverwrite":               `cr\x0doverwrite`,
		"nul\x00":                     `nul\x00`,
		"del\x7f":                     `del\x7f`,
		"csi\u009b31m":                `csi\u009b31m`,
		"sep\u2028x":                  `sep\u2028x`,
		"bidi\u202egnp.exe":           `bidi\u202egnp.exe`,
		"bad\xffutf8":                 `bad\xffutf8`,
		"tab\there":                   `tab\x09here`,
	}
	for in, want := range tests {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if got := Escape(in); strings.ContainsAny(got, "\x1b\n\r\x00\u009b") {
			t.Errorf("Escape(%q) still holds a control character: %q", in, got)
		}
	}
}

func TestLines(t *testing.T) {
	var buf bytes.Buffer
	w := Lines{W: &buf}
	w.Write([]byte("netlint: aws_vpc.a\nnetlint: forged\x1b[31m\n"))
	if got, want := buf.String(), "netlint: aws_vpc.a\\x0anetlint: forged\\x1b[31m\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzEscape(f *testing.F) {
	f.Add("aws_vpc.a\x1b[0m\n\u2028")
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || unsafeRune(r) {
				t.Fatalf("Escape(%q) = %q keeps %U", s, out, r)
			}
		}
		if !strings.ContainsAny(s, "\\") && Escape(out) != out {
			t.Fatalf("Escape is not stable on %q", out)
		}
	})
}
