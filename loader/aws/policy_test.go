package aws

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/netlint/netlint/internal/awsfake"
)

const policyFile = "../../iam/netlint-readonly-policy.json"

// policyActions reads the shipped IAM policy and returns its actions, checking
// that it only allows and names actions one by one.
func policyActions(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(policyFile))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version   string
		Statement []map[string]json.RawMessage
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", policyFile, err)
	}
	if doc.Version != "2012-10-17" {
		t.Errorf("policy version %q, want 2012-10-17", doc.Version)
	}
	var actions []string
	for i, st := range doc.Statement {
		var effect string
		_ = json.Unmarshal(st["Effect"], &effect)
		if effect != "Allow" {
			t.Errorf("statement %d: effect %q, want Allow", i, effect)
		}
		for _, key := range []string{"NotAction", "NotResource"} {
			if _, ok := st[key]; ok {
				t.Errorf("statement %d uses %s, which grants more than it names", i, key)
			}
		}
		var list []string
		if err := json.Unmarshal(st["Action"], &list); err != nil {
			var one string
			if err := json.Unmarshal(st["Action"], &one); err != nil {
				t.Fatalf("statement %d: Action is neither a string nor a list", i)
			}
			list = []string{one}
		}
		actions = append(actions, list...)
	}
	sort.Strings(actions)
	return actions
}

func TestPolicyAllowsOnlyReadActions(t *testing.T) {
	actions := policyActions(t)
	if len(actions) == 0 {
		t.Fatal("the policy names no action")
	}
	for i, a := range actions {
		if strings.ContainsAny(a, "*?") {
			t.Errorf("%s: wildcards could grant a write action", a)
		}
		if !awsfake.ReadOnlyAction(a) {
			t.Errorf("%s is not a read-only action", a)
		}
		if i > 0 && actions[i-1] == a {
			t.Errorf("%s is listed twice", a)
		}
	}
}

// TestPolicyListsExactlyTheActionsCalled runs a load that makes every kind of
// call (assumed role, all regions, every resource type with its per-item
// reads) and compares what reached AWS with the policy, both ways.
func TestPolicyListsExactlyTheActionsCalled(t *testing.T) {
	f := awsfake.New(t)
	f.SetRegions(accountA, "us-east-1")
	f.ServeDir(accountA, "us-east-1", "network")
	load(t, f, Options{
		Config:   f.ConfigFor("999988887777", "us-east-1"),
		Regions:  []string{"all"},
		RoleARNs: []string{roleA},
	})
	called := f.Actions()
	policy := policyActions(t)
	if !reflect.DeepEqual(called, policy) {
		t.Errorf("the policy does not match the calls:\n missing from the policy: %v\n never called: %v",
			minus(called, policy), minus(policy, called))
	}
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}
