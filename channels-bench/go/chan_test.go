package chanbench

import (
	"math"
	"runtime"
	"testing"
	"time"
)

// floorTime is how long each floor measurement around a benchmark run lasts (as in the Java rig).
const floorTime = 20 * time.Millisecond

// aroundFloor measures the floor before and after body, outside the timer, and reports it with
// the run's ns/op.
func aroundFloor(b *testing.B, body func()) {
	b.StopTimer()
	if runtime.GOMAXPROCS(0) != 2 {
		b.Logf("GOMAXPROCS is %d, not 2: run with -cpu 2", runtime.GOMAXPROCS(0))
	}
	before := measureFloor(floorTime)
	b.StartTimer()
	t0 := time.Now()
	body()
	elapsed := time.Since(t0)
	b.StopTimer()
	after := measureFloor(floorTime)
	floor := (before + after) / 2
	nsPerOp := float64(elapsed.Nanoseconds()) / float64(b.N)
	b.ReportMetric(floor, "goFloor-ns")
	b.ReportMetric(100*math.Abs(after-before)/math.Min(after, before), "goFloorDrift-%")
	b.ReportMetric(nsPerOp/floor, "ratioToGoFloor")
}

// BenchmarkRoundTrip: a request over one unbuffered channel, its reply over another; one
// operation is one round trip. The partner answers each request with the next integer, and every
// reply is checked.
func BenchmarkRoundTrip(b *testing.B) {
	requests := make(chan int)
	replies := make(chan int)
	go func() {
		for r := range requests {
			replies <- r + 1
		}
	}()
	defer close(requests)
	// one round trip before the timed loop: the partner goroutine is running
	requests <- -1
	<-replies
	aroundFloor(b, func() {
		for i := 0; i < b.N; i++ {
			requests <- i
			if r := <-replies; r != i+1 {
				b.Fatalf("sent %d, got %d", i, r)
			}
		}
	})
}

// BenchmarkStream: items one by one over one unbuffered channel; one operation is one item. The
// time runs until the consumer has taken and checked every item.
func BenchmarkStream(b *testing.B) {
	items := make(chan int)
	done := make(chan int)
	go func() {
		expect := 0
		for v := range items {
			if v != expect {
				panic("stream: out of order")
			}
			expect++
		}
		done <- expect
	}()
	aroundFloor(b, func() {
		for i := 0; i < b.N; i++ {
			items <- i
		}
		close(items)
		if n := <-done; n != b.N {
			b.Fatalf("consumed %d of %d", n, b.N)
		}
	})
}
