package aws

import "testing"

func TestBandwidthMbps(t *testing.T) {
	for in, want := range map[string]int64{"50Mbps": 50, "1Gbps": 1000, "1.2Gbps": 1200, "400Gbps": 400000, "1.6Tbps": 1600000, "fast": 0, "": 0} {
		if got := bandwidthMbps(in); got != want {
			t.Errorf("bandwidthMbps(%q) = %d, want %d", in, got, want)
		}
	}
}
