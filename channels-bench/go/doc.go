// Package chanbench holds the Go side of the channels-bench comparison: Go's unbuffered
// channels measured with testing.B, the way channels-bench measures the Java contenders.
//
//	go test -run '^$' -bench . -benchmem -cpu 2 -benchtime 1s -count 6
//
// BenchmarkRoundTrip is a ping-pong between two goroutines over two unbuffered channels (one
// operation: a request and its reply); BenchmarkStream is a one-way stream over one unbuffered
// channel (one operation: one item), timed until the consumer has taken every item. Run them
// with GOMAXPROCS=2 (-cpu 2), one P per goroutine, as the Java benchmarks run one thread per
// core. BenchmarkSelectFanIn (two producers, one consumer selecting over their two unbuffered
// channels; one operation: one item) and BenchmarkSelectServer (two clients doing request and
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
