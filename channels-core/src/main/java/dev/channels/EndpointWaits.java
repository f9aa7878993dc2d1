package dev.channels;

import java.util.concurrent.locks.LockSupport;

/**
 * How an endpoint waits (the spin-then-park loop for the slot, and the sender's wait for a
 * receiver to leave its iterator; both park with the Dekker handshake described in the overview
 * of {@link ExchangeCore}), and how it words a close or a usage error.
 */
abstract class EndpointWaits extends EndpointPadAfter {

    /** await() results besides slot contents. */
    static final Object INTERRUPTED = new Exchange.Marker("INTERRUPTED");
    static final Object TIMEOUT = new Exchange.Marker("TIMEOUT");

    /**
     * A timed wait spins instead of parking for its last 10 us: on Linux a parkNanos shorter than
     * the timer slack (50 us by default) sleeps for the slack, and a park/unpark costs 5-36 us on
     * the development machines.
     */
    static final long SPIN_FOR_TIMEOUT_THRESHOLD = 10_000L;

    /**
     * One untimed wait for an answer in this many is a probe, without a quiet period (a power of
     * two). See {@link #awaitAnswer}.
     */
    static final int QUIET_PROBE_PERIOD = 64;

    /**
     * A probe that waited longer than this (or parked) finds answers too slow for a quiet period
     * to pay: the extra trip it saves is small beside such a wait, and a quiet period keeps a
     * carrier that a crowd of virtual threads needs (measured: 1,000 virtual-thread pairs at
     * 1,831 ns per round trip with periods of up to 1 us, against 724 ns without).
     */
    static final long QUIET_ANSWERS_NANOS = 1_000L;

    /** The longest quiet period, in ns: the share of {@link #QUIET_ANSWERS_NANOS}. */
    static final long MAX_QUIET_NANOS = quietShare(QUIET_ANSWERS_NANOS);

    /** The most pauses a quiet period makes (a bound whatever the timing says). */
    static final int MAX_QUIET_PAUSES = 256;

    /** Pauses timed to learn what one pause takes, when the quiet period is shorter. */
    static final int PAUSES_TIMED = 8;

    /** A quiet period needs the other side running on another processor meanwhile. */
    static final boolean QUIET_PERIOD = Runtime.getRuntime().availableProcessors() > 1;

    EndpointWaits(Exchange exchange, boolean first) {
        super(exchange, first);
    }

    // ------------------------------------------------------------------ the wait loop

    /**
     * An untimed wait for the answer to this endpoint's deposit, with a quiet period: it pauses
     * for about {@code quietNanos} before its first look at the slot (ADR 0008, "the answer's
     * window"). Both ends spin on the slot's cache line. The other end, having read this
     * endpoint's deposit, holds the line; if this endpoint reads it again before the answer is
     * written, the answer's CAS must take the line back: one more trip between the cores (about
     * 100 ns per round trip on the Xeon guest). The answer cannot arrive sooner than two such trips
     * after the deposit, so a look before then only slows it down. The quiet period is waiting
     * time: nothing on the other end's path waits for it.
     *
     * <p>The period is learned per endpoint: every {@value #QUIET_PROBE_PERIOD}-th wait is a probe
     * without one, timed, and three eighths of the probe's wait become the target
     * ({@link #nextQuiet}), kept in pauses ({@link #timeQuiet}). That keeps it short of the
     * answer's time: the probe's own answer paid the extra trip, and a period longer than the
     * answer's time would delay it (with fixed periods on the Xeon guest, 75-100 ns measured best
     * and 136 ns less well). An endpoint whose answers take longer than
     * {@value #QUIET_ANSWERS_NANOS} ns, or park, learns no period (see there); a probe cut short by
     * an interrupt or a close teaches nothing. Owner-only fields: plain.
     */
    final Object awaitAnswer(Thread me, Object unchanged) {
        if (!QUIET_PERIOD) {
            return await(me, unchanged, false, 0L, false);
        }
        final int n = ++answerWaits & (QUIET_PROBE_PERIOD - 1);
        if (n == 0) {
            Object s = await(me, unchanged, false, 0L, true);
            if (probeNanos >= 0L) {
                quietNanos = nextQuiet(quietNanos, probeNanos);
                quietPauses = pausesFor(quietNanos, pauseSixteenths);
            }
            return s;
        }
        final int q = quietPauses;
        if (n == QUIET_PROBE_PERIOD / 2) {
            timeQuiet(q); // once per period, between probes: what a pause takes here and now
        } else {
            for (int i = q; i > 0; i--) {
                Thread.onSpinWait();
            }
        }
        return await(me, unchanged, false, 0L, false);
    }

    /**
     * The quiet period of {@code q} pauses (at least {@value #PAUSES_TIMED}), timed: how long a
     * pause takes varies between processors (12 ns on the Xeon guest, several times that on
     * others) and with the clock, so the endpoint measures it where it runs, and converts its
     * period from ns to pauses. Pauses, not a clock read per turn: a quiet period that polled
     * System.nanoTime() measured no gain here (2.0x-2.3x the floor, against 1.6x with pauses).
     */
    private void timeQuiet(int q) {
        final int k = Math.max(q, PAUSES_TIMED);
        final long before = System.nanoTime();
        final long t0 = System.nanoTime();
        for (int i = k; i > 0; i--) {
            Thread.onSpinWait();
        }
        final long t1 = System.nanoTime();
        final long elapsed = (t1 - t0) - (t0 - before); // less one clock read
        if (elapsed > 0L) {
            pauseSixteenths = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, elapsed * 16 / k));
            quietPauses = pausesFor(quietNanos, pauseSixteenths);
        }
    }

    /**
     * The quiet period after a probe that waited {@code probeNanos} for its answer: three eighths
     * of that, reached at once from above and halfway per probe from below, so that one slow answer
     * does not lengthen it much; none after a probe that waited more than
     * {@value #QUIET_ANSWERS_NANOS} ns or parked ({@code Long.MAX_VALUE}).
     */
    static long nextQuiet(long quietNanos, long probeNanos) {
        long target = probeNanos > QUIET_ANSWERS_NANOS ? 0L : quietShare(probeNanos);
        return target <= quietNanos ? target : quietNanos + (target - quietNanos + 1) / 2;
    }

    /** The share of a probe's wait that becomes the quiet period: three eighths (ADR 0008, "Decided"). */
    static long quietShare(long probeNanos) {
        return probeNanos * 3 / 8;
    }

    /** {@code quietNanos} in pauses of {@code pauseSixteenths} / 16 ns; 0 while a pause is not timed. */
    static int pausesFor(long quietNanos, int pauseSixteenths) {
        if (pauseSixteenths <= 0) {
            return 0;
        }
        return (int) Math.min(MAX_QUIET_PAUSES, quietNanos * 16 / pauseSixteenths);
    }

    /**
     * Spins as the strategy says, then parks, until the slot holds something other than
     * {@code unchanged} (and not a batch that is not takeable). Returns that, or INTERRUPTED or
     * TIMEOUT. Never clears the interrupt status.
     */
    final Object await(Thread me, Object unchanged, boolean timed, long deadline) {
        return await(me, unchanged, timed, deadline, false);
    }

    /** {@link #await(Thread, Object, boolean, long)}; a probe records in {@code probeNanos} how long it waited. */
    private Object await(Thread me, Object unchanged, boolean timed, long deadline, boolean probe) {
        final Exchange x = exchange;
        final WaitStrategy strategy = this.strategy;
        int attempt = 0;
        long start = 0L;
        if (probe) {
            probeNanos = -1L; // unless the spin loop sees the answer, or parks
            start = System.nanoTime();
        }
        for (;;) {
            Object s = x.slotAcquire(); // acquire: pairs with the deposit's release
            if (isArrival(s, unchanged)) {
                if (probe) {
                    probeNanos = System.nanoTime() - start;
                }
                return s;
            }
            if (me.isInterrupted()) {
                return INTERRUPTED;
            }
            if (timed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    return TIMEOUT;
                }
                if (remaining < SPIN_FOR_TIMEOUT_THRESHOLD) {
                    Thread.onSpinWait();
                    continue;
                }
            }
            if (!strategy.idle(attempt)) {
                if (probe) {
                    probeNanos = Long.MAX_VALUE; // an answer slow enough to park for
                }
                return park(me, unchanged, timed, deadline);
            }
            if (attempt < Integer.MAX_VALUE) {
                attempt++;
            }
        }
    }

    /** The slot holds something new for this endpoint: not what it waits past, and not a batch that is not takeable. */
    final boolean isArrival(Object s, Object unchanged) {
        if (s == unchanged) {
            return false;
        }
        // The fields, not otherBatch(): C2 left that call out of line here (-XX:+PrintInlining:
        // "low call site frequency", as it runs once per wait and the spin loop around it many
        // times), and this is every hand-off's path. Plain: see Exchange.firstBatch.
        final Exchange x = exchange;
        final Batch b = first ? x.secondBatch : x.firstBatch;
        return s != b || b == null || !b.isUnavailable(); // s == b == null: a null value
    }

    /*
     * The slot's contents are told apart by reference, never by class: a value just deposited is
     * a fresh object whose header lies on a line its sender's core has just written, and an
     * instanceof would fetch that line, one more trip between the cores per hand-off (measured:
     * ADR 0008, "Found: the value's header"). A user's value is never a Batch or a Closed, and the
     * library's own are recognized by the references the exchange keeps.
     */

    /** {@code s}, read from the slot, as the other end's batch if it is that, else null. */
    final Batch otherBatch(Object s) {
        Batch b = exchange.batchOf(!first);
        return s == b ? b : null; // s == b == null: a null value, not a batch
    }

    /** {@code s}, read from the slot, as the close state if it is one, else null. */
    final Closed closedIn(Object s) {
        return exchange.closedIn(s);
    }

    /** The parking half of await(): the Dekker handshake described in the overview. */
    private Object park(Thread me, Object unchanged, boolean timed, long deadline) {
        final Exchange x = exchange;
        x.setWaiterVolatile(first, me); // volatile: ordered before the re-check below
        try {
            for (;;) {
                Object s = x.slotVolatile(); // volatile: the re-check half of the handshake
                if (isArrival(s, unchanged)) {
                    return s;
                }
                if (me.isInterrupted()) {
                    return INTERRUPTED;
                }
                if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        return TIMEOUT;
                    }
                    LockSupport.parkNanos(this, remaining);
                } else {
                    LockSupport.park(this);
                }
            }
        } finally {
            x.clearWaiterOpaque(first);
        }
    }

    /**
     * Freezes this endpoint's own batch and returns its final state. If the receiving thread is
     * inside the iterator, waits (uninterruptibly) until it leaves: the caller gets the iterator
     * back and must never share it. The wait is the Dekker handshake of the overview.
     */
    final long freezeOwnBatch(Batch b) {
        long st = b.freezeNoWait();
        if ((st & Batch.FROZEN) != 0L) {
            return st;
        }
        final Exchange x = exchange;
        Thread me = Thread.currentThread();
        boolean interrupted = Thread.interrupted();
        x.setWaiterVolatile(first, me); // volatile: Dekker with the receiver's release CAS + wake
        try {
            while (((st = b.stateVolatile()) & Batch.FROZEN) == 0L) { // volatile re-check
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        } finally {
            x.clearWaiterOpaque(first);
            if (interrupted) {
                me.interrupt();
            }
        }
        return st;
    }

    // ------------------------------------------------------------------ misuse

    /** A deposit failed: only a close takes the slot from the endpoint holding the turn. */
    final Outcome closedOnDeposit() {
        Closed c = exchange.closed();
        if (c != null) {
            return closedBeforeHandOver(c);
        }
        throw new AssertionError("slot changed under " + this + ", which holds the turn");
    }

    /** The channel closed before this call handed anything over: records the close, taken() 0. */
    final Outcome closedBeforeHandOver(Closed c) {
        taken = 0;
        closed = c;
        return Outcome.CLOSED;
    }

    /** A usage error; on a closed channel the close is reported instead. */
    final RuntimeException misuse(String message) {
        taken = 0; // a refused call hands nothing over (the caller owns the endpoint here)
        Closed c = exchange.closed();
        if (c != null) {
            return closedException(c);
        }
        return new IllegalStateException(message + " (" + this + ")");
    }

    final String firstCallMessage(String what) {
        return "the first endpoint starts by receiving: its first call hands over null (use receive() or"
                + " start()), not " + what + ". If this side produces values, give it the channel's second()"
                + " endpoint: the side that sends first holds second(), the side that receives first holds first()";
    }

    final ChannelClosedException closedException(Closed c) {
        return new ChannelClosedException(this, c.byFirst() != first, c.cause());
    }

    /** The other end's batch is over and waits for a request: a value (or a call) cannot answer it. */
    static String batchSent(String answer, String instead) {
        return "the other end sent a batch, which is one-way: answer it with " + answer + ", not " + instead;
    }

    /** The other end's batch has items left: only receiving takes them. */
    static String batchSending(String take, String instead) {
        return "the other end is sending a batch, which is one-way: take it with " + take + ", not " + instead;
    }

    /** This endpoint's last deposit was taken and its answer is due: a new deposit is refused. */
    static String replyPending(String before) {
        return "a reply is pending for the value already handed over: take it with receive() before " + before;
    }

    static String describe(Object v) {
        return "a value of " + v.getClass().getName();
    }
}
