package terraform

import (
	"math"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner is a single-pass JSON reader for the fast decode (fastdecode.go). It
// validates what it reads as strictly as encoding/json and gives up (bail) on
// anything it does not decode exactly like encoding/json would: the caller then
// runs encoding/json, which produces the result or the error. It never has to
// explain a failure, so it carries no positions or messages.
type scanner struct {
	data  []byte
	pos   int
	depth int
	// names interns object keys and other short, repeated strings: a plan
	// repeats the same attribute names for every resource.
	names map[string]string
	buf   []byte // scratch for strings with escapes
	// members is the stack of the members of the objects being read.
	members []member
}

type member struct {
	key   string
	value any
}

// bailout is the panic value of a scanner that gives up.
type bailout struct{}

// maxScanDepth matches encoding/json's nesting limit; deeper input bails and
// encoding/json reports it.
const maxScanDepth = 10000

// maxNames bounds the intern table: unique keys (tags, for_each maps) must not
// grow it without limit.
const maxNames = 1 << 14

func newScanner(data []byte) *scanner {
	return &scanner{data: data, names: make(map[string]string, 512)}
}

func (s *scanner) bail() { panic(bailout{}) }

// ws skips whitespace and returns the next byte, 0 at the end of input.
func (s *scanner) ws() byte {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c
		}
	}
	return 0
}

// end requires that only whitespace follows the top-level value.
func (s *scanner) end() {
	if s.ws() != 0 || s.pos != len(s.data) {
		s.bail()
	}
}

func (s *scanner) enter() {
	s.depth++
	if s.depth > maxScanDepth {
		s.bail()
	}
}

// null consumes a null literal if one comes next.
func (s *scanner) null() bool {
	if s.ws() != 'n' {
		return false
	}
	s.literal("null")
	return true
}

func (s *scanner) literal(lit string) {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		s.bail()
	}
	s.pos += len(lit)
}

// objStart consumes '{' and reports whether a member follows; an empty object
// is consumed whole.
func (s *scanner) objStart() bool {
	if s.ws() != '{' {
		s.bail()
	}
	s.pos++
	s.enter()
	if s.ws() == '}' {
		s.pos++
		s.depth--
		return false
	}
	return true
}

// key reads a member name and its colon. The result aliases the input or the
// scratch buffer: it is valid until the next string is read.
func (s *scanner) key() []byte {
	if s.ws() != '"' {
		s.bail()
	}
	k := s.strBytes()
	if s.ws() != ':' {
		s.bail()
	}
	s.pos++
	return k
}

// objMore consumes the ',' before another member (true) or the closing '}'.
func (s *scanner) objMore() bool {
	switch s.ws() {
	case ',':
		s.pos++
		return true
	case '}':
		s.pos++
		s.depth--
		return false
	}
	s.bail()
	return false
}

// arrStart consumes '[' and reports whether an element follows.
func (s *scanner) arrStart() bool {
	if s.ws() != '[' {
		s.bail()
	}
	s.pos++
	s.enter()
	if s.ws() == ']' {
		s.pos++
		s.depth--
		return false
	}
	return true
}

func (s *scanner) arrMore() bool {
	switch s.ws() {
	case ',':
		s.pos++
		return true
	case ']':
		s.pos++
		s.depth--
		return false
	}
	s.bail()
	return false
}

// strBytes reads the string literal at s.pos and returns its decoded bytes.
func (s *scanner) strBytes() []byte {
	data := s.data
	start := s.pos + 1
	for i := start; i < len(data); i++ {
		c := data[i]
		if c == '"' {
			s.pos = i + 1
			return data[start:i]
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return s.strSlow(start, i)
		}
	}
	s.bail()
	return nil
}

// strSlow decodes a string with escapes or non-ASCII bytes the way
// encoding/json does: invalid UTF-8 and unpaired surrogates become U+FFFD.
func (s *scanner) strSlow(start, i int) []byte {
	data := s.data
	b := append(s.buf[:0], data[start:i]...)
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			s.buf = b
			return b
		case c < 0x20:
			s.bail()
		case c == '\\':
			if i+1 >= len(data) {
				s.bail()
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
				i += 2
			case 'b':
				b = append(b, '\b')
				i += 2
			case 'f':
				b = append(b, '\f')
				i += 2
			case 'n':
				b = append(b, '\n')
				i += 2
			case 'r':
				b = append(b, '\r')
				i += 2
			case 't':
				b = append(b, '\t')
				i += 2
			case 'u':
				r := getu4(data[i:])
				if r < 0 {
					s.bail()
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r1 := getu4(data[i:])
					if dec := utf16.DecodeRune(r, r1); dec != unicode.ReplacementChar {
						i += 6
						b = utf8.AppendRune(b, dec)
						break
					}
					r = unicode.ReplacementChar
				}
				b = utf8.AppendRune(b, r)
			default:
				s.bail()
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, r)
			} else {
				b = append(b, data[i:i+size]...)
			}
			i += size
		}
	}
	s.bail()
	return nil
}

// getu4 decodes \uXXXX at the start of b, or returns -1 (encoding/json's rule).
func getu4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// intern returns b as a string, shared with earlier equal strings.
func (s *scanner) intern(b []byte) string {
	if v, ok := s.names[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(s.names) < maxNames {
		s.names[v] = v
	}
	return v
}

// str reads a string value (null is the empty string, as encoding/json leaves
// a string field alone on null).
func (s *scanner) str() string {
	switch s.ws() {
	case '"':
		return string(s.strBytes())
	case 'n':
		s.literal("null")
		return ""
	}
	s.bail()
	return ""
}

// name is str for strings that repeat (types, modes, attribute names).
func (s *scanner) name() string {
	switch s.ws() {
	case '"':
		return s.intern(s.strBytes())
	case 'n':
		s.literal("null")
		return ""
	}
	s.bail()
	return ""
}

func (s *scanner) boolean() bool {
	switch s.ws() {
	case 't':
		s.literal("true")
		return true
	case 'f':
		s.literal("false")
		return false
	case 'n':
		s.literal("null")
		return false
	}
	s.bail()
	return false
}

// uint64Value reads a number into a uint64 field the way encoding/json does.
func (s *scanner) uint64Value() uint64 {
	switch c := s.ws(); {
	case c == 'n':
		s.literal("null")
		return 0
	case c == '-' || ('0' <= c && c <= '9'):
		lit := s.number()
		n, err := strconv.ParseUint(string(lit), 10, 64)
		if err != nil {
			s.bail()
		}
		return n
	}
	s.bail()
	return 0
}

// strings reads a []string field: null is nil, [] is empty and not nil.
func (s *scanner) strings() []string {
	if s.null() {
		return nil
	}
	out := []string{}
	if !s.arrStart() {
		return out
	}
	for {
		out = append(out, s.str())
		if !s.arrMore() {
			return out
		}
	}
}

// number validates a JSON number at s.pos and returns its literal.
func (s *scanner) number() []byte {
	data := s.data
	start, i := s.pos, s.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i >= len(data) {
		s.bail()
	}
	switch c := data[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	default:
		s.bail()
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			s.bail()
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			s.bail()
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	s.pos = i
	return data[start:i]
}

// float converts a validated number literal as encoding/json does for an
// interface value (strconv.ParseFloat), with a fast path for small integers.
func (s *scanner) float(lit []byte) float64 {
	neg := lit[0] == '-'
	digits := lit
	if neg {
		digits = lit[1:]
	}
	if len(digits) <= 15 {
		var n int64
		simple := true
		for _, c := range digits {
			if c < '0' || c > '9' {
				simple = false
				break
			}
			n = n*10 + int64(c-'0')
		}
		if simple {
			if neg {
				if n == 0 {
					return math.Copysign(0, -1)
				}
				return -float64(n)
			}
			return float64(n)
		}
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		s.bail()
	}
	return f
}

// value reads any JSON value into the types encoding/json uses for an
// interface: map[string]any, []any, string, float64, bool, nil.
func (s *scanner) value() any {
	switch c := s.ws(); c {
	case '{':
		if !s.objStart() {
			return map[string]any{}
		}
		// Members are gathered on a stack first so that the map is made
		// with its final size instead of growing.
		base := len(s.members)
		for {
			k := s.intern(s.key())
			v := s.value()
			s.members = append(s.members, member{k, v})
			if !s.objMore() {
				break
			}
		}
		m := make(map[string]any, len(s.members)-base)
		for _, e := range s.members[base:] {
			m[e.key] = e.value
		}
		clear(s.members[base:])
		s.members = s.members[:base]
		return m
	case '[':
		a := make([]any, 0, 4)
		if !s.arrStart() {
			return a
		}
		for {
			a = append(a, s.value())
			if !s.arrMore() {
				return a
			}
		}
	case '"':
		return string(s.strBytes())
	case 't':
		s.literal("true")
		return true
	case 'f':
		s.literal("false")
		return false
	case 'n':
		s.literal("null")
		return nil
	default:
		if c == '-' || ('0' <= c && c <= '9') {
			return s.float(s.number())
		}
	}
	s.bail()
	return nil
}

// object reads a map[string]any field: null is nil.
func (s *scanner) object() map[string]any {
	switch s.ws() {
	case 'n':
		s.literal("null")
		return nil
	case '{':
		return s.value().(map[string]any)
	}
	s.bail()
	return nil
}

// skip validates and passes over one value.
func (s *scanner) skip() {
	switch c := s.ws(); c {
	case '{':
		if !s.objStart() {
			return
		}
		for {
			if s.ws() != '"' {
				s.bail()
			}
			s.skipString()
			if s.ws() != ':' {
				s.bail()
			}
			s.pos++
			s.skip()
			if !s.objMore() {
				return
			}
		}
	case '[':
		if !s.arrStart() {
			return
		}
		for {
			s.skip()
			if !s.arrMore() {
				return
			}
		}
	case '"':
		s.skipString()
	case 't':
		s.literal("true")
	case 'f':
		s.literal("false")
	case 'n':
		s.literal("null")
	default:
		if c == '-' || ('0' <= c && c <= '9') {
			s.number()
			return
		}
		s.bail()
	}
}

// skipString passes over a string literal, checking its escapes; like
// encoding/json it accepts any byte from 0x20 up.
func (s *scanner) skipString() {
	data := s.data
	for i := s.pos + 1; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			s.pos = i + 1
			return
		case c == '\\':
			if i+1 >= len(data) {
				s.bail()
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if getu4(data[i:]) < 0 {
					s.bail()
				}
				i += 5
			default:
				s.bail()
			}
		case c < 0x20:
			s.bail()
		}
	}
	s.bail()
}

// unknownKey passes over a member that the target struct does not have. A
// name that encoding/json would match case-insensitively to a field bails.
func (s *scanner) unknownKey(key []byte, fields []string) {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			s.bail()
		}
	}
	for _, f := range fields {
		if len(f) == len(key) && asciiEqualFold(key, f) {
			s.bail()
		}
	}
	s.skip()
}

func asciiEqualFold(b []byte, s string) bool {
	for i := range b {
		x, y := b[i], s[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// once records that field bit was seen; a repeated member bails, since
// encoding/json merges some repeated members instead of replacing them.
func (s *scanner) once(seen *uint32, bit uint) {
	if *seen&(1<<bit) != 0 {
		s.bail()
	}
	*seen |= 1 << bit
}
