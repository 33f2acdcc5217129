// Command gen turns EC2 responses written in the AWS CLI's JSON shape into the
// EC2 Query protocol's XML wire format, so that loader/aws tests can replay them
// through the real SDK.
//
// The CLI prints the parsed shape (PascalCase members, plain lists); the wire
// uses each member's locationName (camelCase, often "...Set") and wraps list
// members in <item>. Those names are read from the SDK's own generated
// deserializers, so the XML is exactly what the SDK expects, and every file is
// checked by decoding it back through the SDK and comparing with the JSON.
//
// Usage, from the repository root:
//
//	go run ./testdata/aws/gen testdata/aws
//
// converts every <dir>/ec2/<Action>[.<variant>].json below the given directory to
// the .xml next to it. Cloud Custodian placebo recordings ({"status_code":...,
// "data":{...}}) are unwrapped and their datetime objects turned into strings.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/middleware"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen DIR")
		os.Exit(2)
	}
	names, err := locationNames()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	var files []string
	err = filepath.Walk(os.Args[1], func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() && filepath.Base(filepath.Dir(path)) == "ec2" && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	failed := false
	for _, f := range files {
		if err := convert(f, names); err != nil {
			fmt.Fprintf(os.Stderr, "gen: %s: %v\n", f, err)
			failed = true
			continue
		}
		fmt.Println("wrote", strings.TrimSuffix(f, ".json")+".xml")
	}
	if failed {
		os.Exit(1)
	}
}

// convert writes the XML for one JSON file and checks it round-trips.
func convert(path string, names map[string]map[string]string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	action := strings.SplitN(filepath.Base(path), ".", 2)[0]
	client := ec2.New(ec2.Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}})
	method := reflect.ValueOf(client).MethodByName(action)
	if !method.IsValid() {
		return fmt.Errorf("no EC2 operation %s", action)
	}
	outType := method.Type().Out(0).Elem()

	doc, err := unwrap(raw)
	if err != nil {
		return err
	}
	want := reflect.New(outType)
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(want.Interface()); err != nil {
		return fmt.Errorf("decode as %s: %w", outType.Name(), err)
	}

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%sResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n", action)
	fmt.Fprintf(&buf, "    <requestId>netlint-fixture-%s</requestId>\n", strings.ToLower(action))
	if err := encodeStruct(&buf, want.Elem(), names, 1); err != nil {
		return err
	}
	fmt.Fprintf(&buf, "</%sResponse>\n", action)

	got, err := roundTrip(action, buf.Bytes())
	if err != nil {
		return fmt.Errorf("SDK cannot read the generated XML: %w", err)
	}
	clearMetadata(got)
	clearMetadata(want)
	// Compare as JSON: time.Time values differ in Location but not in instant.
	g, _ := json.Marshal(got.Interface())
	w, _ := json.Marshal(want.Interface())
	if !bytes.Equal(g, w) {
		return fmt.Errorf("round trip differs:\n got %s\nwant %s", g, w)
	}
	return os.WriteFile(strings.TrimSuffix(path, ".json")+".xml", buf.Bytes(), 0o644)
}

// unwrap returns the response document: the file itself, or the data of a
// placebo recording with boto's datetime objects turned into RFC 3339 strings.
func unwrap(raw []byte) ([]byte, error) {
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	if data, ok := v["data"].(map[string]any); ok && v["status_code"] != nil {
		delete(data, "ResponseMetadata")
		v = data
	}
	return json.Marshal(fixDatetimes(v))
}

func fixDatetimes(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if x["__class__"] == "datetime" {
			n := func(k string) int { f, _ := x[k].(float64); return int(f) }
			return time.Date(n("year"), time.Month(n("month")), n("day"), n("hour"), n("minute"), n("second"), 0, time.UTC).Format(time.RFC3339)
		}
		for k, e := range x {
			x[k] = fixDatetimes(e)
		}
	case []any:
		for i, e := range x {
			x[i] = fixDatetimes(e)
		}
	}
	return v
}

func encodeStruct(w *bytes.Buffer, v reflect.Value, names map[string]map[string]string, depth int) error {
	t := v.Type()
	fields := names[t.Name()]
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" {
			continue
		}
		fv := v.Field(i)
		if fv.IsZero() {
			continue
		}
		name, ok := fields[f.Name]
		if !ok {
			return fmt.Errorf("no wire name for %s.%s", t.Name(), f.Name)
		}
		if err := encodeValue(w, name, fv, names, depth); err != nil {
			return err
		}
	}
	return nil
}

func encodeValue(w *bytes.Buffer, name string, v reflect.Value, names map[string]map[string]string, depth int) error {
	indent := strings.Repeat("    ", depth)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if tm, ok := v.Interface().(time.Time); ok {
		fmt.Fprintf(w, "%s<%s>%s</%s>\n", indent, name, tm.UTC().Format("2006-01-02T15:04:05.000Z"), name)
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		fmt.Fprintf(w, "%s<%s>\n", indent, name)
		if err := encodeStruct(w, v, names, depth+1); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s</%s>\n", indent, name)
	case reflect.Slice:
		if v.Len() == 0 {
			fmt.Fprintf(w, "%s<%s/>\n", indent, name)
			return nil
		}
		fmt.Fprintf(w, "%s<%s>\n", indent, name)
		for i := 0; i < v.Len(); i++ {
			if err := encodeValue(w, "item", v.Index(i), names, depth+1); err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "%s</%s>\n", indent, name)
	default:
		var s string
		switch v.Kind() {
		case reflect.String:
			s = v.String()
		case reflect.Bool:
			s = strconv.FormatBool(v.Bool())
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			s = strconv.FormatInt(v.Int(), 10)
		case reflect.Float32, reflect.Float64:
			s = strconv.FormatFloat(v.Float(), 'g', -1, 64)
		default:
			return fmt.Errorf("cannot encode %s (%s)", name, v.Kind())
		}
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(s))
		fmt.Fprintf(w, "%s<%s>%s</%s>\n", indent, name, esc.String(), name)
	}
	return nil
}

// roundTrip decodes body with the SDK's action method as if EC2 had sent it.
func roundTrip(action string, body []byte) (reflect.Value, error) {
	client := ec2.New(ec2.Options{
		Region:       "us-east-1",
		Credentials:  aws.AnonymousCredentials{},
		BaseEndpoint: aws.String("http://fixture.invalid"),
		HTTPClient: httpFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/xml"}},
				Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
		}),
		// The fixture is decoded with an empty input: skip required-field checks.
		APIOptions: []func(*middleware.Stack) error{func(s *middleware.Stack) error {
			_, _ = s.Initialize.Remove("OperationInputValidation") // absent when nothing is required
			return nil
		}},
	})
	m := reflect.ValueOf(client).MethodByName(action)
	in := reflect.New(m.Type().In(1).Elem())
	out := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), in})
	if err, _ := out[1].Interface().(error); err != nil {
		return reflect.Value{}, err
	}
	return out[0], nil
}

type httpFunc func(*http.Request) (*http.Response, error)

func (f httpFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func clearMetadata(v reflect.Value) {
	f := v.Elem().FieldByName("ResultMetadata")
	f.Set(reflect.Zero(f.Type()))
}

// locationNames reads the SDK's generated EC2 deserializers and returns, per Go
// type name, the wire element name of each field.
func locationNames() (map[string]map[string]string, error) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2/service/ec2").Output()
	if err != nil {
		return nil, fmt.Errorf("locate the ec2 module: %w", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(dir)), "deserializers.go"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docFunc := regexp.MustCompile(`^func awsEc2query_deserialize(?:Op)?Document\w*\(v \*\*(?:types\.)?(\w+), `)
	caseLine := regexp.MustCompile(`case strings\.EqualFold\("(\w+)", t\.Name\.Local\):`)
	assign := regexp.MustCompile(`\bsv\.(\w+)\b`)
	names := map[string]map[string]string{}
	var typ, pending string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "func ") {
			typ, pending = "", ""
			if m := docFunc.FindStringSubmatch(line); m != nil {
				typ = m[1]
				if names[typ] == nil {
					names[typ] = map[string]string{}
				}
			}
			continue
		}
		if typ == "" {
			continue
		}
		if m := caseLine.FindStringSubmatch(line); m != nil {
			pending = m[1]
			continue
		}
		if pending != "" {
			if m := assign.FindStringSubmatch(line); m != nil {
				names[typ][m[1]] = pending
				pending = ""
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no deserializers found")
	}
	return names, nil
}
