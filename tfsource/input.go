package tfsource

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"

	"github.com/netlint/netlint/internal/safeio"
)

// InputLocation is where a resource is named in an input file.
type InputLocation struct {
	File string
	// Line and Column are 1-based; Column counts characters (Unicode code
	// points), since `terraform show -json` writes a plan on one line.
	Line, Column int
}

// Inputs finds resources in the plan, state and snapshot files a network was
// read from: the place to point at when the Terraform sources are not there.
// Files are read on the first Lookup, at most once, with safeio; one that
// cannot be read is skipped. Safe for concurrent use; a nil *Inputs finds
// nothing.
type Inputs struct {
	paths []string
	limit int64

	once sync.Once
	// by key ("address", "id", "arn") then value, the first place of each.
	index map[string]map[string]InputLocation
}

// inputKeys are the object members Lookup matches, in order of preference: a
// plan, a state and a snapshot all name every resource by "address"; the
// others find live resources (AWS ids, ARNs) in a snapshot or state.
var inputKeys = []string{"address", "id", "arn"}

// NewInputs indexes the files of paths; "-" (stdin) and "" are skipped.
func NewInputs(paths []string, limit int64) *Inputs {
	var files []string
	for _, p := range paths {
		if p != "" && p != "-" {
			files = append(files, p)
		}
	}
	return &Inputs{paths: files, limit: limit}
}

// Files are the input files, stdin left out.
func (in *Inputs) Files() []string {
	if in == nil {
		return nil
	}
	return append([]string(nil), in.paths...)
}

// Lookup returns the first place an input file names addr as the value of an
// "address" member (else "id", else "arn"). A model ID with a "#suffix" (an
// element AWS creates implicitly) is looked up as the address before it.
func (in *Inputs) Lookup(addr string) (InputLocation, bool) {
	if in == nil || addr == "" {
		return InputLocation{}, false
	}
	in.once.Do(in.build)
	if i := strings.IndexByte(addr, '#'); i > 0 {
		addr = addr[:i]
	}
	for _, k := range inputKeys {
		if loc, ok := in.index[k][addr]; ok {
			return loc, true
		}
	}
	return InputLocation{}, false
}

func (in *Inputs) build() {
	in.index = map[string]map[string]InputLocation{}
	for _, k := range inputKeys {
		in.index[k] = map[string]InputLocation{}
	}
	for _, p := range in.paths {
		data, err := safeio.ReadFile(p, in.limit)
		if err != nil {
			continue
		}
		scanInput(p, data, in.index)
	}
}

// scanInput records, for every `"key": "value"` member of data whose key is
// one of inputKeys, the place of the key. It does not parse the document (the
// loader did, and an input that reached a report is valid JSON): it looks for
// the quoted key followed by a colon and a string, so a key spelled inside a
// string value (where its quotes are escaped) does not match.
func scanInput(file string, data []byte, index map[string]map[string]InputLocation) {
	line, col, counted := 1, 0, 0
	pos := 0
	for {
		i := bytes.IndexByte(data[pos:], '"')
		if i < 0 {
			return
		}
		start := pos + i
		raw, escaped, end, ok := jsonToken(data, start)
		if !ok {
			return
		}
		pos = end
		if escaped {
			continue // none of inputKeys needs escaping
		}
		m, want := index[string(raw)]
		if !want {
			continue
		}
		j := skipSpace(data, end)
		if j >= len(data) || data[j] != ':' {
			continue // a value, not a member name
		}
		j = skipSpace(data, j+1)
		if j >= len(data) || data[j] != '"' {
			continue
		}
		vraw, vescaped, vend, ok := jsonToken(data, j)
		if !ok {
			return
		}
		pos = vend
		val := string(vraw)
		if vescaped {
			if err := json.Unmarshal(data[j:vend], &val); err != nil {
				continue
			}
		}
		if _, seen := m[val]; seen || val == "" {
			continue
		}
		// Lines are counted once, forward, as the scan goes.
		for ; counted < start; counted++ {
			switch c := data[counted]; {
			case c == '\n':
				line, col = line+1, 0
			case c&0xC0 != 0x80: // not a UTF-8 continuation byte
				col++
			}
		}
		m[val] = InputLocation{File: file, Line: line, Column: col + 1}
	}
}

// jsonToken finds the end of the JSON string starting at data[start] (a
// quote): it returns the bytes between the quotes, whether they hold an
// escape, and the offset just past the closing quote.
func jsonToken(data []byte, start int) (raw []byte, escaped bool, end int, ok bool) {
	for i := start + 1; i < len(data); i++ {
		switch data[i] {
		case '\\':
			escaped = true
			i++ // the escaped character cannot close the string
		case '"':
			return data[start+1 : i], escaped, i + 1, true
		}
	}
	return nil, false, len(data), false
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}
