package dev.channels;

import java.util.concurrent.locks.LockSupport;

/** {@link WaitStrategy#busySpin()}: never parks until woken; see the pauses for virtual threads. */
final class BusySpin implements WaitStrategy {
    static final BusySpin INSTANCE = new BusySpin();

    /**
     * One Thread.onSpinWait() per this many checks of the slot (a power of two): every check. On
     * the Intel Xeon VMs a pause per check measured faster than one per fourth check on both
     * thread kinds (ADR 0008: busySpin 1.56-2.05x the floor against 1.68-3.30x, and 0.58-0.78x the
     * JCTools pair's time against 0.84-1.45x, in alternating runs); on the AMD EPYC the first core
     * measured the opposite on virtual threads (0.7-1.0x the floor with a pause per fourth check,
     * 1.1-1.2x per check), not yet measured again on this core. The hint also spares a sibling
     * hardware thread and the power budget while spinning.
     */
    static final int PAUSE_PERIOD = 1;

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
