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

    EndpointWaits(Exchange exchange, boolean first) {
        super(exchange, first);
    }

    // ------------------------------------------------------------------ the wait loop

    /**
     * Spins as the strategy says, then parks, until the slot holds something other than
     * {@code unchanged} (and not a batch that is not takeable). Returns that, or INTERRUPTED or
     * TIMEOUT. Never clears the interrupt status.
     */
    final Object await(Thread me, Object unchanged, boolean timed, long deadline) {
        final Exchange x = exchange;
        final WaitStrategy strategy = this.strategy;
        int attempt = 0;
        for (;;) {
            Object s = x.slotAcquire(); // acquire: pairs with the deposit's release
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
                if (remaining < SPIN_FOR_TIMEOUT_THRESHOLD) {
                    Thread.onSpinWait();
                    continue;
                }
            }
            if (!strategy.idle(attempt)) {
                return park(me, unchanged, timed, deadline);
            }
            if (attempt < Integer.MAX_VALUE) {
                attempt++;
            }
        }
    }

    /** The slot holds something new for this endpoint: not what it waits past, and not a batch that is not takeable. */
    static boolean isArrival(Object s, Object unchanged) {
        return s != unchanged && !(s instanceof Batch b && b.isUnavailable());
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
        if (exchange.slotAcquire() instanceof Closed c) {
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
