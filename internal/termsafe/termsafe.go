// Package termsafe escapes text that came from an input (plan addresses, tags,
// for_each keys, file names, configuration values, rule ids) before it is
// printed for people: on a terminal, in a CI log, in Markdown or in a diagram.
// Control characters there could recolour or clear a terminal, or forge a
// line that reads like another finding; JSON and SARIF keep the exact value.
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Escape writes every character that could move the cursor, start an escape
// sequence or break a line as a visible escape: C0 controls (newline
// included) and DEL as \xNN, C1 controls, the Unicode line and paragraph
// separators and the bidirectional controls as \uNNNN, and each byte of
// invalid UTF-8 as \xNN. Everything else is kept, backslashes included.
func Escape(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// clean is the fast path: no byte or rune Escape would change.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= utf8.RuneSelf {
			if c < utf8.RuneSelf {
				return false
			}
			for _, r := range s[i:] {
				if r < 0x20 || r == 0x7f || r == utf8.RuneError || unsafeRune(r) {
					return false
				}
			}
			return true
		}
	}
	return true
}

func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1, CSI included
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional controls (Trojan Source)
	}
	return false
}

// Lines is a writer for line-oriented output (stderr): each Write is escaped
// but for one final newline, so that a message can end its line and never
// start another.
type Lines struct{ W io.Writer }

func (l Lines) Write(p []byte) (int, error) {
	s := string(p)
	nl := strings.HasSuffix(s, "\n")
	if nl {
		s = s[:len(s)-1]
	}
	out := Escape(s)
	if nl {
		out += "\n"
	}
	if _, err := io.WriteString(l.W, out); err != nil {
		return 0, err
	}
	return len(p), nil
}
