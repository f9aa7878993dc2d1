// Package chanbench holds the Go side of the channels-bench comparison: Go's unbuffered
// channels measured with testing.B, the way channels-bench measures the Java contenders.
//
//	go test -run '^$' -bench . -benchmem -cpu 2 -benchtime 1s -count 6
//
// BenchmarkRoundTrip is a ping-pong between two goroutines over two unbuffered channels (one
// operation: a request and its reply); BenchmarkStream is a one-way stream over one unbuffered
// channel (one operation: one item), timed until the consumer has taken every item. Run them
// with GOMAXPROCS=2 (-cpu 2), two Ps as the Java benchmarks have two cores. Go's scheduler still
// runs the goroutines of one hand-off in turn on one OS thread (a send readies the receiver on the
// sender's own P): threads_test.go samples it (BenchmarkThreads*, over 99% of hand-offs on one
// thread), so Go's figures are goroutine switches, not hand-offs between cores.
// BenchmarkSelectFanIn (two producers, one consumer selecting over their two unbuffered channels;
// one operation: one item) and BenchmarkSelectServer (two clients doing request and
// reply over their own pair of unbuffered channels, one server selecting over the request
// channels; one operation: one request answered) are Go's select beside the Java
// SelectBenchmark. ../scripts/go.sh runs them and converts the output to JMH's JSON format (cmd/tojmh).
//
// Every benchmark run also measures a spin floor right before and after its timed loop (not
// timed): a ping-pong of two goroutines through one 64-bit word carrying value and turn, the
// Go rendition of the Java rig's single-word floor. It is reported as the goFloor-ns metric,
// with goFloorDrift-% (how far the two measurements differ) and ratioToGoFloor. It tells which
// of the machine's two speeds the run had; it is not the Java floor: Go has no release store
// (sync/atomic stores are sequentially consistent, an XCHG on amd64) and no PAUSE instruction
// for user code, so it may be a little slower than the Java floor, and a ratio to it is not the
// Java ratio to the Java floor.
package chanbench
