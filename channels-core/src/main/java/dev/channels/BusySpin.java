package dev.channels;

import java.util.concurrent.locks.LockSupport;

/** {@link WaitStrategy#busySpin()}: never parks until woken; see the pauses for virtual threads. */
final class BusySpin implements WaitStrategy {
    static final BusySpin INSTANCE = new BusySpin();

    /**
     * One Thread.onSpinWait() per this many checks of the slot (a power of two). A spin-wait hint
     * costs about 25 ns on the development machine's AMD EPYC, and it delays noticing the answer
     * by up to that much; checking four times per hint measured 0.7-1.0x the busy-spin floor on
     * virtual threads (Exchanger, which spins without hints: 0.7-0.9x), against 1.1-1.2x with a
     * hint per check. The hint is kept (every fourth check) for what it is for: sparing a sibling
     * hardware thread and the power budget while spinning.
     */
    static final int PAUSE_PERIOD = 4;

    /** A virtual thread yields its carrier once per this many steps (a power of two). */
    static final int VIRTUAL_YIELD_PERIOD = 1 << 8;

    /**
     * A virtual thread pauses once per this many steps (a power of two; about 0.4 ms of
     * spinning). Thread.yield() alone does not guarantee that a virtual thread waiting for a
     * carrier ever gets one: on JDK 25 a yielding virtual thread can be rescheduled ahead of it,
     * indefinitely (seen: two spinning virtual threads on two carriers starved a third, their
     * peer, for 19 minutes). A timed park takes the spinner out of every queue for a moment, so
     * the carrier must run someone else.
     */
    static final int VIRTUAL_PAUSE_PERIOD = 1 << 14;

    /** How long a pause asks for; the timer's granularity decides the real length (tens of us). */
    static final long VIRTUAL_PAUSE_NANOS = 1_000L;

    private BusySpin() {
    }

    @Override
    public boolean idle(int attempt) {
        if ((attempt & (VIRTUAL_YIELD_PERIOD - 1)) == VIRTUAL_YIELD_PERIOD - 1 && Thread.currentThread().isVirtual()) {
            if ((attempt & (VIRTUAL_PAUSE_PERIOD - 1)) == VIRTUAL_PAUSE_PERIOD - 1) {
                LockSupport.parkNanos(this, VIRTUAL_PAUSE_NANOS);
            } else {
                Thread.yield();
            }
        } else if ((attempt & (PAUSE_PERIOD - 1)) == PAUSE_PERIOD - 1) {
            Thread.onSpinWait();
        }
        return true;
    }

    @Override
    public String toString() {
        return "WaitStrategy.busySpin()";
    }
}
