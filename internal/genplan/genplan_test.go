package genplan

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestDigestMatchesBenchKit pins the output to the digest the benchmark kit
// publishes, so results stay comparable with its anchors.
func TestDigestMatchesBenchKit(t *testing.T) {
	h := sha256.New()
	if err := Generate(h, Defaults(100)); err != nil {
		t.Fatal(err)
	}
	const want = "981761b9cf48b421da8538a8f09430adf771e0a57523e39a15accf70c9e9d716"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Fatalf("plan-100 digest %s, want %s", got, want)
	}
}
