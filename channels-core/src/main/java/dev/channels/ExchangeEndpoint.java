package dev.channels;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The endpoint: the public calls, each a thin adapter over {@link ExchangeCore#transfer}. Each one
 * checks its arguments, takes ownership of the endpoint for the call, runs the core, and maps the
 * outcome to a return value or exception.
 */
final class ExchangeEndpoint<I, O> extends MemberCore implements Endpoint<I, O> {

    /**
     * The last in-use error this endpoint refused a call with; a scope recognizes its own (see
     * open). Written only by refused threads; volatile, cold.
     */
    private volatile IllegalStateException refusal;

    ExchangeEndpoint(Exchange exchange, boolean first) {
        super(exchange, first);
    }

    // ------------------------------------------------------------------ single values

    @Override
    public I send(O value) throws InterruptedException {
        Thread me = enter();
        try {
            return single(transfer(me, value, null, 0, 1, false, 0L));
        } finally {
            exit();
        }
    }

    @Override
    public void post(O value) throws InterruptedException {
        Thread me = enter();
        try {
            if (phase == Phase.SECOND_UNSTARTED && awaitStart(me, false, 0L) == Outcome.CLOSED) {
                throw closedException(closed);
            }
            if (!depositWithoutWaiting(value, "post")) {
                throw closedException(closed);
            }
        } finally {
            exit();
        }
    }

    @Override
    public I send(O value, Duration timeout) throws InterruptedException, TimeoutException {
        long nanos = nanos(timeout);
        Thread me = enter();
        try {
            Outcome o = transfer(me, value, null, 0, 1, true, System.nanoTime() + nanos);
            if (o == Outcome.TIMED_OUT) {
                throw new TimeoutException("no answer within " + timeout + (phase != Phase.PENDING
                        ? ": the value was not taken and is still yours"
                        : ": the value was taken and a reply is pending; receive() to take it"));
            }
            return single(o);
        } finally {
            exit();
        }
    }

    @Override
    public I receive(Duration timeout) throws InterruptedException, TimeoutException {
        long nanos = nanos(timeout);
        Thread me = enter();
        try {
            keepRequest = true;
            Outcome o = transfer(me, null, null, 0, 1, true, System.nanoTime() + nanos);
            if (o == Outcome.TIMED_OUT) {
                throw new TimeoutException("no value within " + timeout + (phase == Phase.PENDING
                        ? ": the request stays posted; receive() again to take the answer"
                        : ": the second endpoint has not been started by the first"));
            }
            return single(o);
        } finally {
            keepRequest = false;
            exit();
        }
    }

    /**
     * One step of iteration: a receive() whose plain close is a result, not an exception. True if
     * a value was received into {@code into.next}; false at the end; throws for a close with a cause.
     */
    @SuppressWarnings("unchecked")
    boolean receiveNext(Receiving<I> into) throws InterruptedException {
        Thread me = enter();
        try {
            if (transfer(me, null, null, 0, 1, false, 0L) == Outcome.CLOSED) {
                if (closed.cause() == null) {
                    return false;
                }
                throw closedException(closed);
            }
            into.next = (I) received;
            received = null;
            return true;
        } finally {
            exit();
        }
    }

    /** The value of a single receipt, or the close as an exception. */
    @SuppressWarnings("unchecked")
    private I single(Outcome o) {
        if (o == Outcome.CLOSED) {
            throw closedException(closed);
        }
        Object v = received;
        received = null; // do not retain the value
        return (I) v;
    }

    // ------------------------------------------------------------------ batches

    @Override
    public void sendAll(O[] items, int offset, int length) throws InterruptedException {
        Objects.requireNonNull(items, "items");
        checkRegion(items.length, offset, length);
        if (length == 0) {
            return;
        }
        Thread me = enter();
        try {
            Batch b = prepareBatch(me, "sendAll");
            b.armArray(items, offset, length);
            try {
                awaitBatchAnswer(me, b);
                taken = length; // awaitBatchAnswer returned: every item was taken
            } finally {
                b.disarm();
            }
        } finally {
            exit();
        }
    }

    @Override
    public void sendAll(Iterator<? extends O> items) throws InterruptedException {
        Objects.requireNonNull(items, "items");
        Thread me = enter();
        try {
            Batch b = prepareBatch(me, "sendAll");
            b.armIterator(items);
            try {
                awaitBatchAnswer(me, b);
                long s = b.stateAcquire(); // acquire: pairs with the receiver's release of its last pull
                taken = Batch.count(s);
                if ((s & Batch.FAILED) != 0L) {
                    throw rethrow(b.failure);
                }
            } finally {
                b.disarm();
            }
        } finally {
            exit();
        }
    }

    /** Deposits the armed batch and waits for the receiver's answer (a request: null). */
    private void awaitBatchAnswer(Thread me, Batch b) throws InterruptedException {
        if (!depositBatch(b)) {
            taken = 0; // a close took the slot: nothing was handed over
            throw closedException(exchange.closed());
        }
        if (transfer(me, null, null, 0, 1, false, 0L) == Outcome.CLOSED) {
            throw closedException(closed); // settleClosed recorded what was taken
        }
        received = null;
        long st = b.stateAcquire(); // acquire: pairs with the receiver's release of its last take
        if ((st & Batch.FROZEN) != 0L && (st & (Batch.ENDED | Batch.FAILED)) == 0L
                && (b.isIterator() || Batch.count(st) < b.length)) {
            // A closer froze the batch and lost the slot to the receiver's request for more (the
            // receiver took the turn when it found the batch frozen): the batch was cut short by
            // the close, which is completing now. Only a closer freezes a batch besides its sender.
            taken = Batch.count(st);
            throw closedException(exchange.awaitClosed()); // the closer is mid-way
        }
    }

    @Override
    public int receiveInto(I[] buffer, int offset, int length) throws InterruptedException {
        Objects.requireNonNull(buffer, "buffer");
        checkRegion(buffer.length, offset, length);
        if (length == 0) {
            return 0;
        }
        Thread me = enter();
        try {
            if (transfer(me, null, buffer, offset, length, false, 0L) == Outcome.CLOSED) {
                if (closed.cause() == null) {
                    return -1;
                }
                throw closedException(closed);
            }
            return count;
        } finally {
            exit();
        }
    }

    /** Checks that a sendAll may deposit now (starting the second endpoint if needed). */
    private Batch prepareBatch(Thread me, String call) throws InterruptedException {
        switch (phase) {
            case SECOND_UNSTARTED -> {
                if (awaitStart(me, false, 0L) == Outcome.CLOSED) {
                    throw closedException(closed);
                }
            }
            case FIRST_UNSTARTED -> throw misuse(firstCallMessage("a batch from " + call));
            case PENDING -> throw misuse(replyPending(call));
            case BATCH -> throw misuse(batchSending("receive()", call));
            default -> {
                if (otherBatch(peer) != null) {
                    throw misuse(batchSent("receive()", call));
                }
            }
        }
        Batch b = batch;
        if (b == null) {
            batch = b = new Batch(exchange, first); // once per endpoint
            exchange.setBatch(first, b); // before its first deposit, which publishes it
        }
        return b;
    }

    // ------------------------------------------------------------------ start, scope, close

    @Override
    public void start() throws InterruptedException {
        Thread me = enter();
        try {
            Outcome o = Outcome.TURN_HELD;
            if (phase == Phase.FIRST_UNSTARTED) {
                if (!deposit(null, Phase.FIRST_UNSTARTED)) {
                    taken = 0;
                    throw closedException(exchange.closed());
                } // a later call does not withdraw the signal: each call starts with ownDeposit false
            } else if (phase == Phase.SECOND_UNSTARTED) {
                o = awaitStart(me, false, 0L);
            } else if (exchange.closed() instanceof Closed c) {
                o = Outcome.CLOSED; // started already, but a call on a closed channel throws
                closed = c;
            }
            if (o == Outcome.CLOSED) {
                throw closedException(closed);
            }
        } finally {
            exit();
        }
    }

    @Override
    public void open(Set<ScopeOption> options, Body<I, O> body) throws InterruptedException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(body, "body");
        boolean clear = options.contains(ScopeOption.CLEAR);
        boolean close = options.contains(ScopeOption.CLOSE);
        try {
            if (options.contains(ScopeOption.START)) {
                start();
            }
            body.run(this);
        } catch (ChannelClosedException e) {
            if (!clear || !e.isPlainEndOf(this)) {
                throw e;
            }
        } catch (IllegalStateException e) {
            if (e == refusal) {
                close = false; // another thread owns the endpoint: its channel is not this scope's to close
            }
            throw e;
        } finally {
            if (close) {
                close();
            }
        }
    }

    @Override
    public void close() {
        exchange.close(first, null);
    }

    @Override
    public void close(Throwable cause) {
        exchange.close(first, Objects.requireNonNull(cause, "cause; use close() to close without one"));
    }

    @Override
    public boolean isClosed() {
        return exchange.closed() != null;
    }

    @Override
    public boolean isReplyPending() {
        return phase == Phase.PENDING;
    }

    @Override
    public int taken() {
        return taken;
    }

    @Override
    public Iterator<I> iterator() {
        return new Receiving<>(this);
    }

    @Override
    public Stream<I> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Receiving<>(this), Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /**
     * Names the channel, this end, where it stands, and who last used the other end (and whether
     * that thread has ended): what a thread dump of a call that never returns needs. It starts with
     * the identity hash that thread dumps print for a park blocker ({@code ExchangeEndpoint@hash}),
     * so a dump can be matched with it. Racy reads, for diagnostics only.
     */
    @Override
    public String toString() {
        Closed c = exchange.closed();
        Thread other = peerTakes.lastUser;
        Phase p = phase;
        return "Endpoint@" + Integer.toHexString(System.identityHashCode(this)) + "[" + (first ? "first" : "second")
                + " of " + exchange + " (" + exchange.strategy + "), "
                + (c != null ? "closed by the " + (c.byFirst() == first ? "this" : "other") + " end" : p.description)
                + "; the " + (first ? "second" : "first") + " endpoint "
                + (other == null ? "was never used"
                        : "was last used by " + other + (other.isAlive() ? "" : ", which has ended"))
                + "]";
    }

    // ------------------------------------------------------------------ entry and exit

    /** Checks the interrupt status, then takes ownership of this endpoint for one call. */
    private Thread enter() throws InterruptedException {
        if (Thread.interrupted()) {
            throw interruptedOnEntry();
        }
        Thread me = Thread.currentThread();
        // acquire: see the previous owner's writes to the plain fields (released by its exit)
        Thread witness = casOwnerAcquire(me);
        if (witness != null) {
            throw inUse(witness, me);
        }
        if (ownTakes.lastUser != me) {
            ownTakes.lastUser = me; // plain: diagnostics only
        }
        ownDeposit = false; // a call withdraws only what it deposits itself
        return me;
    }

    /**
     * Cold path: the call was interrupted on entry and hands nothing over, so taken() must say 0,
     * not the previous call's count. Only a thread that can own the endpoint may write it.
     */
    private InterruptedException interruptedOnEntry() {
        if (casOwnerAcquire(Thread.currentThread()) == null) {
            taken = 0;
            exit();
        }
        return new InterruptedException();
    }

    /** Gives up ownership. Release: publishes this call's writes to the plain fields. */
    private void exit() {
        releaseOwner();
    }

    private IllegalStateException inUse(Thread witness, Thread me) {
        IllegalStateException e = new IllegalStateException(witness == SelectCore.HOLDER
                ? "this endpoint belongs to a Selector: while it is in the set, hand values to it with the"
                        + " Arrival of its member (Arrival.post), or close the Selector to take it back (" + this + ")"
                : witness == me
                ? "re-entrant call: this thread is already inside a call on " + this
                        + " (for example, an iterator handed over by sendAll calling back into the endpoint)"
                : "endpoint in use by " + witness + ": one thread at a time may call an endpoint;"
                        + " hand it over between calls, or give each thread its own channel (" + this + ")");
        refusal = e;
        return e;
    }

    // ------------------------------------------------------------------ helpers

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UndeclaredThrowableException(t, "the iterator handed to sendAll threw " + t);
    }

    static void checkRegion(int arrayLength, int offset, int length) {
        if (offset < 0 || length < 0 || offset > arrayLength - length) {
            throw new IndexOutOfBoundsException(offset < 0 ? "negative offset " + offset
                    : length < 0 ? "negative length " + length
                    : "offset " + offset + " + length " + length + " exceeds array length " + arrayLength);
        }
    }

    /** A timeout in nanoseconds, saturated; also the Selector's. */
    static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? 0L : Long.MAX_VALUE;
        }
    }
}
