package terraform

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time: on a shared, loaded machine it
// varies far less than wall time, and it counts the garbage collector's work
// on other threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per operation since start to the benchmark.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// benchFile reads the plan named by NETLINT_BENCH_PLAN (for example the output
// of `go run ./bench/genplan -n 5000 -o /tmp/plan-5000.json`), or skips.
func benchFile(b *testing.B) []byte {
	path := os.Getenv("NETLINT_BENCH_PLAN")
	if path == "" {
		b.Skip("NETLINT_BENCH_PLAN not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkDecodeFile measures Decode on a large generated plan, by phase.
func BenchmarkDecodeFile(b *testing.B) {
	data := benchFile(b)
	b.Run("all", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		start := cpuTime()
		for b.Loop() {
			if _, err := Decode(data); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
	})
	b.Run("document", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		start := cpuTime()
		for b.Loop() {
			if _, err := decodeDocument(data); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
	})
	b.Run("translate", func(b *testing.B) {
		b.ReportAllocs()
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			doc, err := decodeDocument(data)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := cpuTime()
			if _, err := translate(data, doc); err != nil {
				b.Fatal(err)
			}
			cpu += cpuTime() - start
		}
		b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	})
	b.Run("reference-document", func(b *testing.B) {
		// encoding/json alone, as decodeDocument did before the fast decode.
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		start := cpuTime()
		for b.Loop() {
			if _, err := referenceDecode(data); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
	})
}
