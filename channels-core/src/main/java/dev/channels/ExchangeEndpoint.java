package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** 128 bytes of padding before an endpoint's fields. */
abstract class EndpointPadBefore {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
    byte p064, p065, p066, p067, p068, p069, p070, p071, p072, p073, p074, p075, p076, p077, p078, p079;
    byte p080, p081, p082, p083, p084, p085, p086, p087, p088, p089, p090, p091, p092, p093, p094, p095;
    byte p096, p097, p098, p099, p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111;
    byte p112, p113, p114, p115, p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127;
}

/**
 * An endpoint's own fields. Only the thread that owns the endpoint (see {@link #owner}) reads or
 * writes the plain ones, so they need no ordering of their own: {@code enter()}'s acquire and
 * {@code exit()}'s release carry them from one owner to the next.
 */
abstract class EndpointFields extends EndpointPadBefore {
    final Exchange exchange;
    final WaitStrategy strategy;
    /** The marker this endpoint deposits for an echoed reference, and the one it decodes. */
    final Object ownEcho;
    final Object peerEcho;
    /**
     * Receives the single item of a send/receive at index {@link ExchangeEndpoint#ONE}, so that
     * the core can work on arrays only. Padded on both sides: both endpoints write theirs on every
     * round trip, and two small arrays allocated together would share a cache line.
     */
    final Object[] one = new Object[2 * ExchangeEndpoint.ONE + 1];

    /** The thread inside a call, or null. CAS on entry, release on exit. */
    volatile Thread owner;

    /**
     * The default strategy's spin budget for this endpoint's waits on a virtual thread, adapted
     * by SpinThenPark's rules; and how many such waits it has made (for its probes). Plain like the
     * rest; and a heuristic: an intruding thread racing the owner on them only skews a budget.
     */
    int virtualSpins = SpinThenPark.VIRTUAL_SPINS;
    int virtualWaits;

    /** Where this endpoint stands in the conversation; see the overview in ExchangeEndpoint. */
    int phase;
    /** The phase to return to if the deposit in the slot is retracted. */
    int phaseBeforeDeposit;
    /** The reference this endpoint deposited last (a value, a marker, or its batch). */
    Object mine;
    /** The reference this endpoint took last from the other end (a value, a marker, or a batch). */
    Object peer;
    /** How much of the last deposit the other end took: see Endpoint.taken(). */
    int taken;
    /** This endpoint's batch descriptor, created by its first sendAll. */
    Batch batch;
    /**
     * An item pulled from the other end's iterator batch that did not fit the caller's array
     * (ArrayStoreException): it counts as taken and the next call returns it first. Null if none
     * (null fits any array).
     */
    Object held;

    EndpointFields(Exchange exchange, boolean first) {
        this.exchange = exchange;
        this.strategy = exchange.strategy;
        this.ownEcho = first ? Exchange.FIRST_ECHO : Exchange.SECOND_ECHO;
        this.peerEcho = first ? Exchange.SECOND_ECHO : Exchange.FIRST_ECHO;
    }
}

/** 128 bytes of padding after an endpoint's fields. */
abstract class EndpointPadAfter extends EndpointFields {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;

    EndpointPadAfter(Exchange exchange, boolean first) {
        super(exchange, first);
    }
}

/**
 * The endpoint, and the exchange protocol: every call on an {@link Endpoint} runs here.
 */
final class ExchangeEndpoint<I, O> extends EndpointPadAfter implements Endpoint<I, O> {

    /**
     * Which end this is. Read-only; declared here, after the pads, because a boolean among the
     * padded fields leaves an alignment gap that the JVM fills with bytes of the trailing pad
     * (PaddingTest checks the layout).
     */
    final boolean first;

    /**
     * Set only while receive(Duration) runs: its request (a null deposit) stays posted when the
     * wait times out or is interrupted, instead of being withdrawn (ADR 0002). Owner only; cold,
     * so it lives after the pads.
     */
    private boolean keepRequest;

    /*
     * Overview
     * ========
     *
     * One channel is one slot (Exchange.slot) shared by two endpoints that speak in strict turns.
     * At any moment the slot holds one of:
     *
     *   EMPTY        nothing in transit; the endpoint that took the last deposit holds the turn
     *   a deposit    a value (or echo marker, or Batch) put there by the endpoint holding the turn,
     *                not yet taken
     *   Closed       the final state: who closed, the cause, and what the slot held at that moment
     *
     * The turn is not stored anywhere: it passes with each take. Each endpoint keeps its own
     * position in the conversation in plain fields (phase, mine, peer), touched only by its owner:
     *
     *   FIRST_UNSTARTED   first endpoint, turn held, the first deposit must be null (start signal)
     *   SECOND_UNSTARTED  second endpoint, waiting for the start signal
     *   TURN              may deposit
     *   PENDING           deposited `mine`; waiting for the other end's next deposit
     *   BATCH             taking items from the other end's batch `peer`
     *
     * send(v) is, in the common case:
     *
     *   deposit:   CAS slot EMPTY -> v         (linearization point of the hand-over; may be
     *              then wake the peer if it      undone by retraction while not taken)
     *              published itself as parked
     *   await:     spin/park until slot is neither `mine` nor EMPTY (spin budget: the strategy's;
     *              the default's on a virtual thread adapts per endpoint, see SpinThenPark)
     *   take:      CAS slot r -> EMPTY          (linearization point of the receipt; the value now
     *              return r                      belongs to this endpoint, which holds the turn)
     *
     * "Handed over" means "taken": the take CAS decides, against the depositor's retraction CAS
     * (interrupt, timeout) and a closer's CAS, whether a value went over. Exactly one wins.
     *
     * Identity. A waiting endpoint recognizes the answer by the slot no longer holding its own
     * deposit. If the answer were the identical reference (an echo server, null answering null),
     * it would go unseen; so a depositor whose value == the reference it just took deposits its
     * echo marker instead (FIRST_ECHO or SECOND_ECHO), which the other end decodes to its own
     * value. No allocation, no sequence numbers, one store per deposit.
     *
     * Batches. sendAll deposits the sender's reusable Batch; the receiver takes items from it
     * with CAS on the batch's state word (see Batch) and leaves the slot alone until its next call
     * after the last item, which takes the slot and asks for more in one CAS (batch -> null): the
     * answer the sender waits for. (An iterator batch that ends, or a batch cut short, is first
     * taken with CAS batch -> EMPTY, and the request follows as usual.) The sender's interrupt freezes the batch:
     * if nothing was taken it retracts it, otherwise the receiver takes the turn when it notices.
     *
     * Who writes what:
     *   slot               deposits, takes: the endpoints; retraction: the depositor; close: anyone
     *   firstWaiter etc.   the waiting endpoint publishes and clears itself; others only read
     *   Batch fields       the sender, before its deposit; Batch.state: the receiver's takes, the
     *                      sender's or closer's freeze
     *   endpoint fields    the owner only (plus the owner CAS of a thread trying to enter)
     *
     * Parking (Dekker handshake). After spinning, a waiter publishes its thread (volatile store),
     * re-checks the slot (volatile load) and parks; on waking it re-checks again. A depositor or
     * closer CASes the slot (volatile) and then reads the waiter field (volatile load). All four
     * accesses are sequentially consistent, so at least one side sees the other: either the
     * waiter sees the new slot, or the depositor sees the waiter and unparks it. Nobody unparks a
     * thread that did not publish itself, so the fast path never calls unpark.
     *
     * Cancellation. Interrupt and timeout end the wait (the spin loop polls the interrupt status
     * and the deadline; park returns on both). Then the depositor tries to retract: if the slot
     * still holds `mine`, CAS it back to EMPTY and restore the phase (nothing was handed over);
     * if the answer is already there, take it and return normally, leaving the interrupt status
     * set; otherwise the value was taken and the endpoint stays PENDING. One exception: the
     * request of a timed receive(Duration) is not retracted (keepRequest). Withdrawing it would
     * make receive(Duration.ZERO) useless as a poll, as the other end could never answer a
     * request that exists only while someone waits. It stays posted, the endpoint stays PENDING,
     * and the next receive waits for the answer without asking again. Every other call, a
     * send(null, timeout) of null as data included, is all-or-nothing. Close swaps the slot for
     * Closed and wakes both waiters; a deposit the close replaced was never taken. A close
     * freezes a batch before replacing it, so no item is taken after the close.
     *
     * Ownership. A call CASes `owner` from null to the calling thread (acquire) and sets it back
     * to null on exit (release): a second thread fails at once and touches nothing. This is one
     * uncontended CAS on a line only the owner writes.
     *
     * Constants. SPIN_FOR_TIMEOUT_THRESHOLD: a timed wait spins instead of parking for its last
     * 10 us, because on Linux a parkNanos shorter than the timer slack (50 us by default) sleeps
     * for the slack, and a park/unpark costs 5-36 us on the development machine.
     */

    static final int FIRST_UNSTARTED = 0;
    static final int SECOND_UNSTARTED = 1;
    static final int TURN = 2;
    static final int PENDING = 3;
    static final int BATCH = 4;

    /** transfer() results besides counts. */
    private static final int TIMED_OUT = -2;
    /** A batch ended (or was cut short) without an item for this call; this endpoint now has the turn. */
    private static final int CUT = -3;
    /** The deposit seen is gone again (retracted); keep waiting. */
    private static final int RETRY = -4;
    /**
     * The batch was retracted and its descriptor re-armed as the other kind (array or iterator)
     * since takeFromBatch chose copy or pull: choose again.
     */
    private static final int KIND_CHANGED = -5;
    /**
     * An array batch of which this endpoint took every item (in earlier calls) and whose slot it
     * has not taken yet: its next deposit replaces the batch.
     */
    private static final int COMPLETE = -6;

    /** await() results besides slot contents. */
    private static final Object INTERRUPTED = new Exchange.Marker("INTERRUPTED");
    private static final Object TIMEOUT = new Exchange.Marker("TIMEOUT");

    static final long SPIN_FOR_TIMEOUT_THRESHOLD = 10_000L;

    /** The index used in {@code one}: 128 bytes or more of the array lie on either side of it. */
    static final int ONE = 32;

    ExchangeEndpoint(Exchange exchange, boolean first) {
        super(exchange, first);
        this.first = first;
        this.phase = first ? FIRST_UNSTARTED : SECOND_UNSTARTED;
        this.mine = Exchange.EMPTY;
        this.peer = Exchange.EMPTY;
    }

    // ------------------------------------------------------------------ public adapters

    @Override
    @SuppressWarnings("unchecked")
    public I send(O value) throws InterruptedException {
        Thread me = enter();
        try {
            transfer(me, value, one, ONE, 1, false, 0L);
            return (I) takeSingle();
        } finally {
            exit();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public I send(O value, Duration timeout) throws InterruptedException, TimeoutException {
        long nanos = nanos(timeout);
        Thread me = enter();
        try {
            if (transfer(me, value, one, ONE, 1, true, System.nanoTime() + nanos) == TIMED_OUT) {
                throw new TimeoutException("no answer within " + timeout + (phase != PENDING
                        ? ": the value was not taken and is still yours"
                        : ": the value was taken and a reply is pending; receive() to take it"));
            }
            return (I) takeSingle();
        } finally {
            exit();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public I receive(Duration timeout) throws InterruptedException, TimeoutException {
        long nanos = nanos(timeout);
        Thread me = enter();
        try {
            keepRequest = true;
            if (transfer(me, null, one, ONE, 1, true, System.nanoTime() + nanos) == TIMED_OUT) {
                throw new TimeoutException("no value within " + timeout + (phase == PENDING
                        ? ": the request stays posted; receive() again to take the answer"
                        : ": the second endpoint has not been started by the first"));
            }
            return (I) takeSingle();
        } finally {
            keepRequest = false;
            exit();
        }
    }

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
                depositBatch(b);
                transfer(me, null, one, ONE, 1, false, 0L); // the receiver's answer: null
                one[ONE] = null;
                taken = length;
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
                depositBatch(b);
                transfer(me, null, one, ONE, 1, false, 0L);
                one[ONE] = null;
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

    @Override
    public int receiveInto(I[] buffer, int offset, int length) throws InterruptedException {
        Objects.requireNonNull(buffer, "buffer");
        checkRegion(buffer.length, offset, length);
        if (length == 0) {
            return 0;
        }
        Thread me = enter();
        try {
            return transfer(me, null, buffer, offset, length, false, 0L);
        } catch (ChannelClosedException e) {
            if (e.getCause() == null) {
                return -1;
            }
            throw e;
        } finally {
            exit();
        }
    }

    @Override
    public void start() throws InterruptedException {
        Thread me = enter();
        try {
            if (phase == FIRST_UNSTARTED) {
                deposit(null, FIRST_UNSTARTED);
            } else if (phase == SECOND_UNSTARTED) {
                awaitStart(me, false, 0L);
            } else if (exchange.closed() instanceof Closed c) {
                throw closedException(c); // started already, but a call on a closed channel throws
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
        } catch (InUse e) {
            if (e.endpoint == this) {
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
        return phase == PENDING;
    }

    @Override
    public int taken() {
        return taken;
    }

    @Override
    public Iterator<I> iterator() {
        return new Receiving();
    }

    @Override
    public Stream<I> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Receiving(), Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public String toString() {
        return (first ? "Endpoint[first, " : "Endpoint[second, ") + PHASES[phase] + ", " + exchange + "]";
    }

    private static final String[] PHASES = {"unstarted", "unstarted", "turn", "reply pending", "in batch"};

    // ------------------------------------------------------------------ entry and exit

    /** Checks the interrupt status, then takes ownership of this endpoint for one call. */
    private Thread enter() throws InterruptedException {
        if (Thread.interrupted()) {
            throw interruptedOnEntry();
        }
        Thread me = Thread.currentThread();
        // acquire: see the previous owner's writes to the plain fields (released by its exit)
        Thread witness = (Thread) OWNER.compareAndExchangeAcquire(this, (Thread) null, me);
        if (witness != null) {
            throw inUse(witness, me);
        }
        return me;
    }

    /**
     * Cold path: the call was interrupted on entry and hands nothing over, so taken() must say 0,
     * not the previous call's count. Only a thread that can own the endpoint may write it; an
     * intruder (another thread is inside a call) leaves it alone.
     */
    private InterruptedException interruptedOnEntry() {
        if (OWNER.compareAndExchangeAcquire(this, (Thread) null, Thread.currentThread()) == null) {
            taken = 0;
            exit();
        }
        return new InterruptedException();
    }

    /** Gives up ownership. Release: publishes this call's writes to the plain fields. */
    private void exit() {
        OWNER.setRelease(this, (Thread) null);
    }

    private IllegalStateException inUse(Thread witness, Thread me) {
        return new InUse(this, witness == me
                ? "re-entrant call: this thread is already inside a call on " + this
                        + " (for example, an iterator handed over by sendAll calling back into the endpoint)"
                : "endpoint in use by " + witness + ": one thread at a time may call an endpoint;"
                        + " hand it over between calls (" + this + ")");
    }

    /**
     * The in-use error: a plain IllegalStateException to callers; a scope recognizes it to leave
     * the owner's channel alone (see open).
     */
    static final class InUse extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        final transient Object endpoint;

        InUse(Object endpoint, String message) {
            super(message);
            this.endpoint = endpoint;
        }
    }

    private Object takeSingle() {
        Object v = one[ONE];
        one[ONE] = null; // do not retain the value
        return v;
    }

    // ------------------------------------------------------------------ the core

    /**
     * The one transfer routine: hands {@code v} over if this endpoint holds the turn, then
     * receives into {@code dest[at .. at+max)}. Returns the number of items received (at least
     * 1), or TIMED_OUT.
     */
    private int transfer(Thread me, Object v, Object[] dest, int at, int max, boolean timed, long deadline)
            throws InterruptedException {
        for (;;) {
            switch (phase) {
                case TURN -> {
                    if (v != null && peer instanceof Batch) {
                        throw misuse("the other end sent a batch, which is one-way: answer it with receive()"
                                + " (null), not " + describe(v));
                    }
                    deposit(v, TURN);
                    v = null;
                }
                case PENDING -> {
                    if (v != null) {
                        throw misuse("a reply is pending for the value already handed over: take it with"
                                + " receive() before sending " + describe(v));
                    }
                    int n = awaitReply(me, dest, at, max, timed, deadline);
                    if (n != CUT) {
                        return n;
                    }
                }
                case BATCH -> {
                    if (v != null) {
                        throw misuse("the other end is sending a batch, which is one-way: take it with receive()"
                                + " (null), not " + describe(v));
                    }
                    int n = takeFromBatch((Batch) peer, dest, at, max);
                    if (n > 0) {
                        return n;
                    }
                    if (n == COMPLETE) {
                        // every item taken, the slot still holds the batch: take the slot and
                        // ask for more in one CAS (a withdrawn request leaves the slot EMPTY)
                        deposit(peer, null, TURN);
                        v = null;
                    }
                    // CUT: the batch is over and this endpoint holds the turn: ask for more
                }
                case FIRST_UNSTARTED -> {
                    if (v != null) {
                        throw misuse("the first endpoint starts by receiving: its first call hands over null"
                                + " (use receive() or start()), not " + describe(v));
                    }
                    deposit(null, FIRST_UNSTARTED);
                }
                default -> { // SECOND_UNSTARTED
                    if (awaitStart(me, timed, deadline) == TIMED_OUT) {
                        return TIMED_OUT;
                    }
                }
            }
        }
    }

    /** Puts {@code v} into the empty slot; this endpoint must hold the turn. */
    private void deposit(Object v, int from) {
        deposit(Exchange.EMPTY, v, from);
    }

    /**
     * Puts {@code v} into the slot in place of {@code expect}: EMPTY when this endpoint holds the
     * turn, or the other end's fully taken array batch, whose slot this endpoint takes and answers
     * in the same CAS (see "Batches" in the overview).
     */
    private void deposit(Object expect, Object v, int from) {
        final Exchange x = exchange;
        Object ref = v == peer ? ownEcho : v; // see "Identity" in the overview
        if (!x.casSlot(expect, ref)) { // volatile: publishes v, then Dekker with the waiter read
            throw closedOnDeposit();
        }
        mine = ref;
        phaseBeforeDeposit = from;
        phase = PENDING;
        taken = 0;
        x.wake(!first); // unparks the other end only if it published itself as parked
    }

    /**
     * Deposits this endpoint's armed batch, then makes it takeable. If a close froze it in
     * between, open() fails and the wait that follows reports the close.
     */
    private void depositBatch(Batch b) {
        final Exchange x = exchange;
        if (!x.casSlot(Exchange.EMPTY, b)) { // volatile: publishes the batch's fields
            throw closedOnDeposit();
        }
        mine = b;
        phaseBeforeDeposit = TURN;
        phase = PENDING;
        taken = 0;
        b.open(); // volatile CAS, ordered before the waiter read (Dekker with isUnavailable)
        x.wake(!first);
    }

    /** Waits for the other end's answer to this endpoint's deposit and takes it into dest. */
    private int awaitReply(Thread me, Object[] dest, int at, int max, boolean timed, long deadline)
            throws InterruptedException {
        final Object mine = this.mine;
        for (;;) {
            Object s = await(me, mine, timed, deadline);
            if (s == INTERRUPTED || s == TIMEOUT) {
                return abandon(s == INTERRUPTED, dest, at, max);
            }
            int n = takeReply(s, dest, at, max);
            if (n != RETRY) {
                return n;
            }
        }
    }

    /**
     * Takes {@code s}, the other end's deposit, as the answer: a single value, or the first
     * items of a batch. Returns the count, CUT, or RETRY if {@code s} was retracted meanwhile.
     */
    private int takeReply(Object s, Object[] dest, int at, int max) {
        if (s instanceof Closed c) {
            throw closedWhilePending(c);
        }
        taken = 1; // an answer exists, so this endpoint's deposit was taken
        if (s instanceof Batch b) {
            return takeFromBatch(b, dest, at, max);
        }
        // Store first: an ArrayStoreException then leaves the value in the slot, untaken.
        dest[at] = s == peerEcho ? mine : s;
        if (!exchange.casSlotAcquire(s, Exchange.EMPTY)) { // acquire: see "casSlotAcquire"
            dest[at] = null; // do not retain it
            return RETRY; // retracted by its depositor, or closed: the next look tells
        }
        peer = s;
        mine = Exchange.EMPTY; // no longer needed: do not retain the value sent
        phase = TURN;
        return 1;
    }

    /**
     * Spins as the strategy says, then parks, until the slot holds something other than
     * {@code mine} and EMPTY (and not a batch being retracted). Returns that, or INTERRUPTED or
     * TIMEOUT. Never clears the interrupt status.
     */
    private Object await(Thread me, Object mine, boolean timed, long deadline) {
        final Exchange x = exchange;
        final WaitStrategy strategy = this.strategy;
        // The default strategy adapts its spin budget on virtual threads (see SpinThenPark):
        // budget is this wait's, or -1 if the strategy decides alone.
        final int budget = strategy == SpinThenPark.DEFAULT && me.isVirtual() ? SpinThenPark.budget(this) : -1;
        int attempt = 0;
        for (;;) {
            Object s = x.slotAcquire(); // acquire: pairs with the deposit's release
            if (s != mine && s != Exchange.EMPTY && !(s instanceof Batch b && b.isUnavailable())) {
                if (budget >= 0 && attempt <= budget) {
                    SpinThenPark.metWhileSpinning(this, budget);
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
            if (attempt == budget) { // never when budget is -1
                SpinThenPark.missedWhileSpinning(this);
            }
            if (!(budget >= 0 ? SpinThenPark.DEFAULT.idle(attempt, budget) : strategy.idle(attempt))) {
                return park(me, mine, timed, deadline);
            }
            if (attempt < Integer.MAX_VALUE) {
                attempt++;
            }
        }
    }

    /** The parking half of await(): the Dekker handshake described in the overview. */
    private Object park(Thread me, Object mine, boolean timed, long deadline) {
        final Exchange x = exchange;
        x.setWaiterVolatile(first, me); // volatile: ordered before the re-check below
        try {
            for (;;) {
                Object s = x.slotVolatile(); // volatile: the re-check half of the handshake
                if (s != mine && s != Exchange.EMPTY && !(s instanceof Batch b && b.isUnavailable())) {
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
     * The wait for an answer ended by interrupt or timeout. Retracts this endpoint's deposit if it
     * was not taken; takes the answer if it arrived after all. Returns a count (the race was
     * lost: a normal return, interrupt status kept) or TIMED_OUT; throws InterruptedException.
     */
    private int abandon(boolean interrupted, Object[] dest, int at, int max) throws InterruptedException {
        final Exchange x = exchange;
        final Object mine = this.mine;
        final boolean ownBatch = batch != null && mine == batch;
        for (;;) {
            Object s = x.slotVolatile();
            if (s == mine) {
                if (ownBatch) {
                    final Batch own = batch;
                    long st = freezeOwnBatch(own);
                    if (Batch.count(st) != 0 || (st & (Batch.ENDED | Batch.FAILED)) != 0L) {
                        taken = Batch.count(st); // cut short: the receiver takes the turn
                        break;
                    }
                }
                if (keepRequest) {
                    taken = 0; // receive(Duration): its request stays posted, see the overview
                    break;
                }
                if (x.casSlotPlain(mine, Exchange.EMPTY)) { // retracted: nothing was handed over
                    phase = phaseBeforeDeposit;
                    taken = 0;
                    break;
                }
            } else if (s == Exchange.EMPTY || (s instanceof Batch b && b.isUnavailable())) {
                // taken, and no answer yet: a reply is pending
                taken = ownBatch ? Batch.count(batch.stateAcquire()) : 1;
                break;
            } else {
                // the answer arrived (or the channel closed) after all
                int n = takeReply(s, dest, at, max);
                if (n > 0) {
                    return n;
                }
                if (n == CUT) {
                    break; // the answer was an empty batch; this endpoint holds the turn again
                }
            }
        }
        if (interrupted) {
            Thread.interrupted(); // clear the status we are about to report
            throw new InterruptedException();
        }
        return TIMED_OUT;
    }

    /** SECOND_UNSTARTED: waits for the first endpoint's start signal and takes it. */
    private int awaitStart(Thread me, boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            Object s = await(me, Exchange.EMPTY, timed, deadline);
            if (s == INTERRUPTED) {
                Thread.interrupted();
                throw new InterruptedException();
            }
            if (s == TIMEOUT) {
                return TIMED_OUT;
            }
            if (s instanceof Closed c) {
                taken = 0;
                throw closedException(c);
            }
            if (exchange.casSlotAcquire(s, Exchange.EMPTY)) {
                peer = s;
                phase = TURN;
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ batches

    /** Checks that a sendAll may deposit now (starting the second endpoint if needed). */
    private Batch prepareBatch(Thread me, String call) throws InterruptedException {
        switch (phase) {
            case SECOND_UNSTARTED -> awaitStart(me, false, 0L);
            case FIRST_UNSTARTED -> throw misuse("the first endpoint starts by receiving: call start() or receive()"
                    + " before " + call);
            case PENDING -> throw misuse("a reply is pending for the value already handed over: take it with"
                    + " receive() before " + call);
            case BATCH -> throw misuse("the other end is sending a batch, which is one-way: take it with"
                    + " receive(), not " + call);
            default -> {
                if (peer instanceof Batch) {
                    throw misuse("the other end sent a batch, which is one-way: answer it with receive(), not " + call);
                }
            }
        }
        Batch b = batch;
        if (b == null) {
            batch = b = new Batch(); // once per endpoint
        }
        return b;
    }

    private int takeFromBatch(Batch b, Object[] dest, int at, int max) {
        if (held != null) {
            return takeHeld(dest, at);
        }
        for (;;) {
            int n = b.isIterator() ? pull(b, dest, at, max) : copy(b, dest, at, max);
            if (n != KIND_CHANGED) {
                return n;
            }
        }
    }

    /** Returns the item an earlier call pulled but could not store; the batch goes on after it. */
    private int takeHeld(Object[] dest, int at) {
        dest[at] = held; // may throw ArrayStoreException again: then it stays held
        held = null;
        return 1;
    }

    /** Takes up to {@code max} items of an array batch. Returns the count, CUT or RETRY. */
    private int copy(Batch b, Object[] dest, int at, int max) {
        for (;;) {
            long st = b.stateAcquire(); // acquire: the fields of this generation are visible
            if (Batch.stopped(st)) {
                return stoppedBatch(b, st);
            }
            int k = Batch.count(st);
            Object[] items = b.items;
            int offset = b.offset;
            int length = b.length;
            if (phase == BATCH && k == length) {
                // all taken by earlier calls of this endpoint; not stopped, so the sender has
                // neither frozen nor disarmed it
                return COMPLETE;
            }
            if (items == null || k >= length || offset < 0 || length > items.length - offset) {
                if (items == null && k == 0 && b.iterator != null && b.unchangedSince(st)) {
                    return KIND_CHANGED; // this generation is an iterator batch
                }
                staleView(b, st); // a batch re-armed or disarmed meanwhile: its state has moved on
                continue;
            }
            int m = Math.min(length - k, max);
            try {
                System.arraycopy(items, offset + k, dest, at, m); // before the CAS: see Batch
            } catch (ArrayStoreException e) {
                if (b.unchangedSince(st)) {
                    throw e; // a real type mismatch; nothing was taken
                }
                continue; // a stale view
            }
            if (b.casStateRelease(st, st + m)) { // release: our reads of items precede the count
                // Even after the last item: the slot is taken together with the request for more,
                // by the next call (COMPLETE), which saves the sender a cache-line round trip.
                peer = b;
                phase = BATCH;
                return m;
            }
        }
    }

    /**
     * Pulls up to {@code max} items of an iterator batch on this thread. Returns the count, CUT
     * or RETRY.
     */
    private int pull(Batch b, Object[] dest, int at, int max) {
        int got = 0;
        while (got < max) {
            long st = b.stateAcquire();
            if (Batch.stopped(st)) {
                if (got > 0) {
                    break;
                }
                return stoppedBatch(b, st);
            }
            Iterator<?> it = b.iterator;
            if (it == null) {
                if (got == 0 && b.items != null && b.unchangedSince(st)) {
                    return KIND_CHANGED; // this generation is an array batch
                }
                staleView(b, st);
                continue;
            }
            if (!b.casState(st, st | Batch.BUSY)) { // claim: from here the iterator is ours
                continue;
            }
            boolean has = false;
            Throwable failure = null; // the iterator threw: the batch fails, the sender rethrows it
            ArrayStoreException storeFailure = null; // the item does not fit dest: held for the next call
            try {
                if (it.hasNext()) {
                    Object item = it.next();
                    has = true; // pulled, so taken, even if it does not fit dest
                    try {
                        dest[at + got] = item;
                    } catch (ArrayStoreException e) {
                        held = item;
                        storeFailure = e;
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
            if (failure != null) {
                b.failure = failure; // plain: released by the CAS below
            }
            long cur;
            long update;
            do { // release the claim; freeze if a freeze was requested meanwhile
                cur = b.state;
                update = (cur & ~(Batch.BUSY | Batch.FREEZE_REQUESTED)) + (has ? 1 : 0);
                if (!has) {
                    update |= failure != null ? Batch.FAILED : Batch.ENDED;
                }
                if ((cur & Batch.FREEZE_REQUESTED) != 0L) {
                    update |= Batch.FROZEN;
                }
            } while (!b.casState(cur, update)); // volatile: Dekker with a sender waiting for the freeze
            if ((cur & Batch.FREEZE_REQUESTED) != 0L) {
                exchange.wake(!first);
            }
            if (!has) { // the iterator is exhausted or failed: the batch is over
                finishBatch(b);
                return got > 0 ? got : CUT;
            }
            if (storeFailure != null) { // return the items before the held one, or report the misfit
                peer = b;
                phase = BATCH;
                if (got > 0) {
                    return got;
                }
                throw storeFailure;
            }
            got++;
        }
        peer = b;
        phase = BATCH;
        return got;
    }

    /**
     * Fields that do not match the state read before them come from a sender that froze and then
     * re-armed or disarmed the batch, which changes the state first. An unchanged state here
     * would be a bug in this class, not a race. (A batch re-armed as the other kind, array or
     * iterator, after takeFromBatch chose copy or pull, matches its state: see KIND_CHANGED.)
     */
    private static void staleView(Batch b, long st) {
        if (b.unchangedSince(st)) {
            throw new AssertionError("batch fields do not match its unchanged state: " + b);
        }
    }

    /**
     * A batch that stopped before this call took anything from it: frozen before any take (its
     * sender is retracting it: RETRY), or cut short after some (take the turn: CUT), or closed.
     */
    private int stoppedBatch(Batch b, long st) {
        if (Batch.count(st) == 0 && (st & (Batch.ENDED | Batch.FAILED)) == 0L && phase != BATCH) {
            return RETRY;
        }
        for (;;) {
            Object s = exchange.slotAcquire();
            if (s instanceof Closed c) {
                throw closedException(c);
            }
            if (s != b || exchange.casSlotPlain(b, Exchange.EMPTY)) {
                peer = b;
                phase = TURN;
                return CUT;
            }
        }
    }

    /** All items are taken: take the slot, and with it the turn. */
    private void finishBatch(Batch b) {
        // Fails only if a close replaced the batch meanwhile: the items taken are still ours, and
        // the next call sees the close.
        exchange.casSlotPlain(b, Exchange.EMPTY);
        peer = b;
        phase = TURN;
    }

    /**
     * Freezes this endpoint's own batch and returns its final state. If the receiving thread is
     * inside the iterator, waits (uninterruptibly) until it leaves: the caller gets the iterator
     * back and must never share it.
     */
    private long freezeOwnBatch(Batch b) {
        long st = b.freezeNoWait();
        if ((st & Batch.FROZEN) != 0L) {
            return st;
        }
        final Exchange x = exchange;
        Thread me = Thread.currentThread();
        boolean interrupted = Thread.interrupted();
        x.setWaiterVolatile(first, me); // volatile: Dekker with the receiver's release CAS + wake
        try {
            while (((st = b.state) & Batch.FROZEN) == 0L) { // volatile re-check
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

    // ------------------------------------------------------------------ closed and misuse

    private ChannelClosedException closedException(Closed c) {
        return new ChannelClosedException(this, c.byFirst() != first, c.cause());
    }

    /** The channel closed while this endpoint waited for an answer: record what was taken. */
    private ChannelClosedException closedWhilePending(Closed c) {
        Batch own = batch;
        if (own != null && mine == own) {
            taken = Batch.count(freezeOwnBatch(own));
        } else {
            taken = c.replaced() == mine ? 0 : 1;
        }
        if (taken == 0 && c.replaced() == mine) {
            phase = phaseBeforeDeposit; // never taken: as before the call, so no reply is pending
        }
        return closedException(c);
    }

    /** A deposit failed: only a close takes the slot from the endpoint holding the turn. */
    private ChannelClosedException closedOnDeposit() {
        if (exchange.slotAcquire() instanceof Closed c) {
            taken = 0;
            return closedException(c);
        }
        throw new AssertionError("slot changed under " + this + ", which holds the turn");
    }

    /** A usage error; on a closed channel the close is reported instead. */
    private RuntimeException misuse(String message) {
        taken = 0; // a refused call hands nothing over (the caller owns the endpoint here)
        Closed c = exchange.closed();
        if (c != null) {
            return closedException(c);
        }
        return new IllegalStateException(message + " (" + this + ")");
    }

    private static String describe(Object v) {
        return "a value of " + v.getClass().getName();
    }

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

    private static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? 0L : Long.MAX_VALUE;
        }
    }

    // ------------------------------------------------------------------ iteration

    /** Iterator and stream source: each step a receive(). */
    private final class Receiving implements Iterator<I> {
        private I next;
        private boolean ready;
        private boolean done;

        @Override
        public boolean hasNext() {
            if (ready) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                next = receive();
                ready = true;
                return true;
            } catch (ChannelClosedException e) {
                if (e.getCause() != null) {
                    throw e;
                }
                done = true;
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelInterruptedException(e);
            }
        }

        @Override
        public I next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the channel is closed");
            }
            I v = next;
            next = null;
            ready = false;
            return v;
        }
    }

    // ------------------------------------------------------------------ VarHandle mechanics
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(EndpointFields.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
