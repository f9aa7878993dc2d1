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

// BenchmarkSelectFanIn: two producers, each sending its items one by one over its own unbuffered
// channel, and one consumer taking whichever is ready with a select over the two; one operation
// is one item taken. Producer p sends p, p+2, p+4, ... (b.N items in all) and the consumer checks
// each producer's order. The time runs until the consumer has taken every item.
func BenchmarkSelectFanIn(b *testing.B) {
	aroundFloor(b, func() {
		in := [2]chan int{make(chan int), make(chan int)}
		for p := 0; p < 2; p++ {
			go func(p int, out chan<- int) {
				for v := p; v < b.N; v += 2 {
					out <- v
				}
			}(p, in[p])
		}
		expect := [2]int{0, 1}
		for i := 0; i < b.N; i++ {
			var v, p int
			select {
			case v = <-in[0]:
				p = 0
			case v = <-in[1]:
				p = 1
			}
			if v != expect[p] {
				b.Fatalf("producer %d sent %d, expected %d", p, v, expect[p])
			}
			expect[p] += 2
		}
	})
}

// BenchmarkSelectServer: two clients doing request/response, each over its own pair of
// unbuffered channels (requests, replies), and one server answering whichever request is ready
// with a select over the two request channels; one operation is one request answered. Client c
// sends c, c+2, ... (b.N requests in all) and checks every reply; the server checks that each
// request came from the client it names. The time runs until every reply was taken.
func BenchmarkSelectServer(b *testing.B) {
	aroundFloor(b, func() {
		requests := [2]chan int{make(chan int), make(chan int)}
		replies := [2]chan int{make(chan int), make(chan int)}
		done := make(chan struct{})
		for c := 0; c < 2; c++ {
			go func(c int, out chan<- int, in <-chan int) {
				defer func() { done <- struct{}{} }()
				for v := c; v < b.N; v += 2 {
					out <- v
					if r := <-in; r != v+1 {
						panic("server: wrong reply")
					}
				}
			}(c, requests[c], replies[c])
		}
		for i := 0; i < b.N; i++ {
			var v, c int
			select {
			case v = <-requests[0]:
				c = 0
			case v = <-requests[1]:
				c = 1
			}
			if v&1 != c {
				b.Fatalf("request %d arrived from client %d", v, c)
			}
			replies[c] <- v + 1
		}
		<-done
		<-done
	})
}
