package chanbench

import (
	"sort"
	"sync/atomic"
	"time"
)

// turn is bit 0 of the word: set by the driver with each request, cleared by the partner's answer.
const turn = 1

// stop, sent as a value, ends the partner goroutine.
const stop = -1

// word is one int64 alone on its cache lines (128 bytes of padding on each side).
type word struct {
	_ [128]byte
	v int64
	_ [128]byte
}

// floorRoundTrips is how many round trips one block of the floor measurement has.
const floorRoundTrips = 256

// measureFloor runs a single-word spin ping-pong between this goroutine and a new one for
// about d, in blocks of floorRoundTrips round trips, and returns the median block's mean time
// per round trip, in nanoseconds. Each hand-off is one atomic store of value and turn together;
// both sides spin on atomic loads.
func measureFloor(d time.Duration) float64 {
	w := &word{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			x := atomic.LoadInt64(&w.v)
			if x&turn == 0 {
				continue
			}
			value := x >> 1
			if value == stop {
				atomic.StoreInt64(&w.v, value<<1)
				return
			}
			atomic.StoreInt64(&w.v, (value+1)<<1)
		}
	}()
	roundTrip := func(value int64) int64 {
		atomic.StoreInt64(&w.v, value<<1|turn)
		for {
			x := atomic.LoadInt64(&w.v)
			if x&turn == 0 {
				return x >> 1
			}
		}
	}
	for i := int64(0); i < 64; i++ { // the partner goroutine starts
		roundTrip(i)
	}
	var blocks []float64
	end := time.Now().Add(d)
	seq := int64(0)
	for len(blocks) == 0 || time.Now().Before(end) {
		t0 := time.Now()
		for i := 0; i < floorRoundTrips; i++ {
			seq = (seq + 1) & (1<<40 - 1)
			if roundTrip(seq) != seq+1 {
				panic("floor: wrong answer")
			}
		}
		blocks = append(blocks, float64(time.Since(t0).Nanoseconds())/floorRoundTrips)
	}
	roundTrip(stop)
	<-done
	sort.Float64s(blocks)
	n := len(blocks)
	if n%2 == 1 {
		return blocks[n/2]
	}
	return (blocks[n/2-1] + blocks[n/2]) / 2
}
