package sarifcheck

import (
	"fmt"
	"strings"
	"testing"
)

const minimalValid = `{
  "version": "2.1.0",
  "runs": [{"tool": {"driver": {"name": "netlint", "rules": []}}, "results": []}]
}`

func TestValidateAcceptsMinimalLog(t *testing.T) {
	if err := Validate([]byte(minimalValid)); err != nil {
		t.Fatalf("Validate(minimal log) = %v, want nil", err)
	}
}

// Each document breaks the schema in one place; the embedded schema's root is empty,
// so these only fail when Validate really checks against definitions/Root.
func TestValidateRejectsInvalidLogs(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string // substring of the error
	}{
		{"not JSON", `{"version":`, "parse SARIF"},
		{"empty object", `{}`, "version"},
		{"wrong version", `{"version": "2.0.0", "runs": []}`, "version"},
		{"unknown top-level property", `{"version": "2.1.0", "runs": [], "extra": 1}`, "extra"},
		{"driver without name", `{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`, "name"},
		{"null suppression status", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"message": {"text": "m"}, "suppressions": [{"kind": "external", "status": null}]}]}]}`, "status"},
		{"bad level", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`, "level"},
		{"result without message", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"ruleId": "NL001"}]}]}`, "message"},
		{"invalid uri-reference", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b%zz"}}}]}]}]}`, "uri"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate([]byte(tt.doc))
			if err == nil {
				t.Fatalf("Validate accepted an invalid log")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestGitHub(t *testing.T) {
	log := func(results string) string {
		return `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [` + results + `]}]}`
	}
	const located = `{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "main.tf"}}}]}`
	if err := GitHub([]byte(log(located))); err != nil {
		t.Errorf("GitHub(located result) = %v, want nil", err)
	}
	var many strings.Builder // related locations are unique
	for i := range GitHubMaxLocations {
		fmt.Fprintf(&many, `{"physicalLocation": {"artifactLocation": {"uri": "a.tf"}, "region": {"startLine": %d}}},`, i+1)
	}
	tooMany := strings.Repeat(located+",", GitHubMaxResults) + located
	tests := []struct{ name, doc, want string }{
		{"logical only", log(`{"message": {"text": "m"}, "locations": [{"logicalLocations": [{"fullyQualifiedName": "aws_vpc.a"}]}]}`), "no physical location"},
		{"no location", log(`{"message": {"text": "m"}}`), "no physical location"},
		{"absolute URI", log(`{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///home/me/main.tf"}}}]}`), "absolute URI"},
		{"too many locations", log(`{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "main.tf"}}}], "relatedLocations": [` + strings.TrimSuffix(many.String(), ",") + `]}`), "1001 locations"},
		{"too many results", log(tooMany), "25001 results"},
		{"invalid", `{}`, "version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := GitHub([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("GitHub = %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}
