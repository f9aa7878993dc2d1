package chanbench

import (
	"sync/atomic"
	"syscall"
	"testing"
)

// The BenchmarkThreads* benchmarks answer one question about the Go comparison: between which OS
// threads does an unbuffered channel hand an item over? They are BenchmarkStream,
// BenchmarkRoundTrip and BenchmarkSelectFanIn with a sample every 256th operation: the sending
// goroutine records its OS thread (gettid) right before the send, the receiving one reads its
// own right after the receive, and the share of samples where the two are the same thread is
// reported as sameThread-%. 100% means the two goroutines ran in turn on one thread (one P),
// each hand-off a goroutine switch with no cache line crossing between cores; 0% means every
// hand-off crossed to the other thread. The sampling costs a system call per 256 operations,
// under 1 ns per operation, so their ns/op are close to, not the same as, the plain benchmarks'.
// ../scripts/go.sh does not run them (its patterns name the plain benchmarks); run them with
//
//	go test -run '^$' -bench '^BenchmarkThreads' -cpu 1,2 -benchtime 2000000x -count 3
//
// (-cpu 1 for comparison: one P, so one thread by construction).

// sampleEvery is the sampling period, in operations (a power of two).
const sampleEvery = 256

func tid() int64 {
	return int64(syscall.Gettid())
}

func reportSameThread(b *testing.B, same, samples int) {
	if samples > 0 {
		b.ReportMetric(100*float64(same)/float64(samples), "sameThread-%")
	}
}

// BenchmarkThreadsStream: BenchmarkStream, sampled.
func BenchmarkThreadsStream(b *testing.B) {
	items := make(chan int)
	done := make(chan [2]int)
	var senderTid int64
	go func() {
		expect, same, samples := 0, 0, 0
		for v := range items {
			if v != expect {
				panic("stream: out of order")
			}
			if v&(sampleEvery-1) == 0 {
				samples++
				if tid() == atomic.LoadInt64(&senderTid) {
					same++
				}
			}
			expect++
		}
		done <- [2]int{same, samples}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i&(sampleEvery-1) == 0 {
			atomic.StoreInt64(&senderTid, tid())
		}
		items <- i
	}
	close(items)
	r := <-done
	b.StopTimer()
	reportSameThread(b, r[0], r[1])
}

// BenchmarkThreadsRoundTrip: BenchmarkRoundTrip, sampled on the reply (the partner records its
// thread before it sends the reply, the driver compares after receiving it).
func BenchmarkThreadsRoundTrip(b *testing.B) {
	requests := make(chan int)
	replies := make(chan int)
	var partnerTid int64
	go func() {
		for r := range requests {
			if r&(sampleEvery-1) == 0 {
				atomic.StoreInt64(&partnerTid, tid())
			}
			replies <- r + 1
		}
	}()
	defer close(requests)
	same, samples := 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		requests <- i
		if r := <-replies; r != i+1 {
			b.Fatalf("sent %d, got %d", i, r)
		}
		if i&(sampleEvery-1) == 0 {
			samples++
			if tid() == atomic.LoadInt64(&partnerTid) {
				same++
			}
		}
	}
	b.StopTimer()
	reportSameThread(b, same, samples)
}

// BenchmarkThreadsSelectFanIn: BenchmarkSelectFanIn, sampled per producer.
func BenchmarkThreadsSelectFanIn(b *testing.B) {
	in := [2]chan int{make(chan int), make(chan int)}
	var producerTid [2]int64
	for p := 0; p < 2; p++ {
		go func(p int, out chan<- int) {
			for v := p; v < b.N; v += 2 {
				if (v>>1)&(sampleEvery-1) == 0 {
					atomic.StoreInt64(&producerTid[p], tid())
				}
				out <- v
			}
		}(p, in[p])
	}
	expect := [2]int{0, 1}
	same, samples := 0, 0
	b.ResetTimer()
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
		if (v>>1)&(sampleEvery-1) == 0 {
			samples++
			if tid() == atomic.LoadInt64(&producerTid[p]) {
				same++
			}
		}
	}
	b.StopTimer()
	reportSameThread(b, same, samples)
}
