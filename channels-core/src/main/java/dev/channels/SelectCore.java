package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The select loop of a {@link Selector}: its members, their counts, the looks at signalled
 * members, fan-in asks, and ownership. {@link Selector} adds the public calls on top, as
 * {@link ExchangeEndpoint} does over {@link ExchangeCore}.
 */
abstract class SelectCore<I, O> {

    /** The owner a member endpoint holds while it is in a set: refuses direct calls with a clear message. */
    static final Thread HOLDER = Thread.ofPlatform().name("Selector").unstarted(() -> { });

    final Member<I, O>[] members;
    final boolean priority;
    final boolean asking;
    final WaitStrategy strategy;

    /** The thread inside select or post, or null. CAS on entry (acquire), release on exit. */
    volatile Thread owner;
    /** The members to look at: signalled by the other ends, or queued by this set itself. */
    final ReadyQueue<I, O> ready;

    // Owned by the thread inside select or post.
    /** Members whose close has not been reported; members that can have an arrival. */
    int open;
    int awaiting;
    /** A fan-in's member to ask for more when the next select begins. */
    Member<I, O> toAsk;
    boolean dissolved;
    /** True while the select in progress has stopped scanning ahead of a park (see ReadyQueue). */
    private boolean scanStopped;
    /** A fair scanning set starts its next scan here: after the member returned last. */
    private int rotate;

    @SuppressWarnings("unchecked")
    SelectCore(List<? extends Endpoint<? extends I, ? super O>> endpoints, boolean priority, boolean asking) {
        Objects.requireNonNull(endpoints, "members");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a Selector needs at least one member");
        }
        int n = endpoints.size();
        this.members = (Member<I, O>[]) new Member<?, ?>[n];
        this.priority = priority;
        this.asking = asking;
        this.ready = new ReadyQueue<>(members, priority);
        for (int i = 0; i < n; i++) {
            ExchangeEndpoint<?, ?> e = (ExchangeEndpoint<?, ?>) Objects.requireNonNull(endpoints.get(i), "member " + i);
            Thread witness = e.casOwnerAcquire(HOLDER); // acquire: see the last owner's writes
            if (witness != null) {
                for (int j = 0; j < i; j++) {
                    release(members[j]);
                }
                throw new IllegalStateException("member " + i + " (" + e + ") "
                        + (witness == HOLDER ? "is already in a Selector (list each endpoint once; an endpoint"
                                + " belongs to one set at a time: close the other Selector first)"
                                : "is in use by " + witness + ": a Selector takes endpoints that no call is using"));
            }
            Member<I, O> m = new Member<>(this, ready, e, i);
            members[i] = m;
            // volatile: from now on every deposit and close of the other end signals m
            e.exchange.setSignalVolatile(e.first, m.signal);
            ready.add(m); // the first select looks at every member once
        }
        this.open = n;
        this.strategy = members[0].endpoint.exchange.strategy.forEndpoint();
        OWNER.setRelease(this, null); // release: publishes the fields above to the first selecting thread
    }

    // ------------------------------------------------------------------ select

    /** doSelect's result when a timed select ran out of time. */
    static final Member<?, ?> TIMED_OUT = new Member<>(null, null, null, -1);

    @SuppressWarnings("unchecked")
    static <I, O> Member<I, O> timedOut() {
        return (Member<I, O>) TIMED_OUT;
    }

    /**
     * The select loop: asks (fan-in), then looks at signalled members until one yields an arrival,
     * waiting between looks. Returns the member, null if every member has closed, or TIMED_OUT.
     */
    final Member<I, O> doSelect(boolean timed, long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread me = enter();
        try {
            return selectOwned(me, timed, deadline);
        } finally {
            exit();
        }
    }

    /**
     * Arrival.send: {@code post(m, value)}, then a select, under one ownership of the set (one
     * owner CAS instead of two). Interrupted on entry: nothing posted.
     */
    final Member<I, O> postThenSelect(Member<I, O> m, O value) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread me = enter();
        try {
            postOwned(m, value);
            return selectOwned(me, false, 0L);
        } finally {
            exit();
        }
    }

    /** A select's result for the public calls: the member, or the end of the set as an exception. */
    final Member<I, O> returned(Member<I, O> m) {
        if (m == null) {
            throw new IllegalStateException("every member of this Selector has closed: nothing is left to select ("
                    + this + ")");
        }
        return m;
    }

    /** The select loop itself; the calling thread owns the set. */
    private Member<I, O> selectOwned(Thread me, boolean timed, long deadline) throws InterruptedException {
        if (dissolved) {
            throw new IllegalStateException("this Selector was closed: its members have left it (" + this + ")");
        }
        Member<I, O> asked = toAsk;
        if (asked != null) {
            toAsk = null;
            ask(asked);
        }
        scanStopped = false;
        int attempt = 0;
        for (;;) {
            Member<I, O> m = next();
            if (m == null && awaiting == 0 && open > 0) {
                m = closedHoldingTurn(); // a close whose signal is not pushed yet: report it, not a misuse
            }
            if (m != null) {
                return found(m);
            }
            if (open == 0) {
                return null;
            }
            if (awaiting == 0) {
                throw new IllegalStateException("nothing can arrive: every open member holds the turn. Answer a"
                        + " member with Arrival.post (a reply, or null to ask for more), or use Selector.fanIn ("
                        + this + ")");
            }
            if (me.isInterrupted()) {
                giveUp(asked);
                Thread.interrupted();
                throw new InterruptedException();
            }
            if (timed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    giveUp(asked);
                    return timedOut();
                }
                if (remaining < EndpointWaits.SPIN_FOR_TIMEOUT_THRESHOLD) {
                    Thread.onSpinWait();
                    continue;
                }
            }
            attempt = idle(me, attempt, timed, deadline);
        }
    }

    /** A select found {@code m}: scanning resumes, and a fan-in asks {@code m} when the next select begins. */
    private Member<I, O> found(Member<I, O> m) {
        if (scanStopped) {
            ready.resumeScanning();
        }
        if (asking && !m.gone && m.endpoint.phase == Phase.TURN) {
            toAsk = m; // asked when the next select begins: producers stay lazy
        }
        return m;
    }

    /** A select ends without an arrival (interrupt or timeout): scanning resumes, its own ask is withdrawn. */
    private void giveUp(Member<I, O> asked) {
        if (scanStopped) {
            ready.resumeScanning();
        }
        cancelAsk(asked);
    }

    /**
     * Waits between looks: the strategy's idle step while it lasts; then a scanning set stops
     * scanning (signals from then on, and the next look scans once more); then it parks.
     */
    private int idle(Thread me, int attempt, boolean timed, long deadline) {
        if (strategy.idle(attempt)) {
            return attempt < Integer.MAX_VALUE ? attempt + 1 : attempt;
        }
        if (ready.scans && !scanStopped) {
            ready.stopScanning();
            scanStopped = true;
        } else {
            ready.park(this, me, timed, deadline);
        }
        return attempt;
    }

    /** The next queued member that has an arrival (or closed); null if none does now. */
    private Member<I, O> next() {
        if (ready.scans) {
            return scan();
        }
        for (Member<I, O> m; (m = ready.poll()) != null; ) {
            if (look(m)) {
                return m;
            }
        }
        return null;
    }

    /**
     * About to refuse a select in which nothing can arrive: a member holding the turn whose channel
     * is closed (its close signal may not be pushed yet) is reported instead. Scans every member,
     * but only on this path, which ends in an exception otherwise.
     */
    private Member<I, O> closedHoldingTurn() {
        for (Member<I, O> m : members) {
            if (!m.gone && m.endpoint.exchange.closed() != null && look(m)) {
                return m;
            }
        }
        return null;
    }

    /**
     * A small set: looks at every member that was queued (bits) or that waits for an arrival and
     * has one in its slot, from the member after the last one returned (fair) or from the first
     * (priority).
     */
    private Member<I, O> scan() {
        ready.drain();
        final Member<I, O>[] ms = members;
        final int n = ms.length;
        int i = priority ? 0 : rotate;
        for (int k = 0; k < n; k++) {
            Member<I, O> m = ms[i];
            if ((ready.takeBit(i) || (m.awaiting && m.endpoint.hasArrival())) && look(m)) {
                rotate = i + 1 == n ? 0 : i + 1;
                return m;
            }
            i = i + 1 == n ? 0 : i + 1;
        }
        return null;
    }

    /**
     * Looks at one member: starts it, takes its arrival, asks it (fan-in), and keeps the counts.
     * True if it yielded an arrival or its close (in {@code m.value} / {@code m.closed}).
     */
    private boolean look(Member<I, O> m) {
        if (m.gone) {
            return false;
        }
        final ExchangeEndpoint<?, ?> e = m.endpoint;
        if (e.phase == Phase.FIRST_UNSTARTED) {
            e.deposit(null, Phase.FIRST_UNSTARTED); // the start signal; false if closed: reported below
        }
        for (;;) {
            Phase before = e.phase;
            switch (e.takeArrival()) {
                case RECEIVED -> {
                    if (asking && before == Phase.SECOND_UNSTARTED) {
                        e.deposit(null, Phase.TURN); // a fan-in asks at once after the start signal
                        continue;
                    }
                    m.value = e.received;
                    e.received = null;
                    m.closed = null;
                    if (e.phase == Phase.BATCH) {
                        ready.add(m); // more items of the batch are ready now
                    }
                    count(m);
                    return true;
                }
                case CLOSED -> {
                    m.closed = e.closed;
                    m.value = null;
                    m.gone = true;
                    open--;
                    count(m);
                    release(m);
                    return true;
                }
                case TURN_HELD -> {
                    if (asking || before != Phase.TURN) {
                        // A fan-in asks; and a batch that ended without an item for this look is
                        // answered with a request, as receive() does: its sender waits for that.
                        e.deposit(null, Phase.TURN); // false if closed: the next look reports it
                        continue;
                    }
                    count(m);
                    return false;
                }
                default -> { // NOTHING
                    count(m);
                    return false;
                }
            }
        }
    }

    /** Keeps {@code awaiting}: a member can have an arrival unless it holds the turn or is gone. */
    private void count(Member<I, O> m) {
        Phase p = m.endpoint.phase;
        boolean a = !m.gone && p != Phase.TURN && p != Phase.FIRST_UNSTARTED;
        if (a != m.awaiting) {
            m.awaiting = a;
            awaiting += a ? 1 : -1;
        }
    }

    /** A fan-in asks the member that the previous select returned for its next value. */
    private void ask(Member<I, O> m) {
        if (!m.gone && m.endpoint.phase == Phase.TURN) {
            if (!m.endpoint.deposit(null, Phase.TURN)) {
                ready.add(m); // closed: the next look reports it
            }
            count(m);
        }
    }

    /** A select that throws withdraws the request it posted itself, if it was not taken. */
    private void cancelAsk(Member<I, O> asked) {
        if (asked != null && !asked.gone) {
            asked.endpoint.withdrawAsk();
            if (asked.endpoint.phase == Phase.TURN) {
                toAsk = asked; // withdrawn: the next select asks again
            }
            count(asked);
        }
    }

    // ------------------------------------------------------------------ post

    /** Arrival.post: a member's hand-over without waiting, between selects. */
    void post(Member<I, O> m, O value) {
        enter();
        try {
            postOwned(m, value);
        } finally {
            exit();
        }
    }

    /** The post itself; the calling thread owns the set. */
    private void postOwned(Member<I, O> m, O value) {
        if (dissolved) {
            throw new IllegalStateException("this Selector was closed: post on the endpoint itself (" + this + ")");
        }
        ExchangeEndpoint<?, ?> e = m.endpoint;
        if (m.gone) {
            throw e.closedException(m.closed);
        }
        if (!e.depositWithoutWaiting(value, "Arrival.post")) {
            ready.add(m); // the next select reports the close as an event too
            throw e.closedException(e.closed);
        }
        if (toAsk == m) {
            toAsk = null; // answered by the user instead
        }
        count(m);
    }

    // ------------------------------------------------------------------ ownership

    final Thread enter() {
        Thread me = Thread.currentThread();
        // acquire: see the previous selecting thread's writes to the plain fields
        Thread witness = (Thread) OWNER.compareAndExchangeAcquire(this, (Thread) null, me);
        if (witness != null) {
            throw new IllegalStateException(witness == me
                    ? "re-entrant call: this thread is already selecting on " + this
                    : "Selector in use by " + witness + ": one thread at a time selects (or posts) on a set (" + this + ")");
        }
        return me;
    }

    final void exit() {
        OWNER.setRelease(this, null); // release: publishes this call's writes to the plain fields
    }

    final void dissolve() {
        if (!dissolved) {
            dissolved = true;
            for (Member<I, O> m : members) {
                if (!m.gone) {
                    release(m);
                }
            }
            toAsk = null;
        }
    }

    /** Gives a member back: no more signals, and its endpoint usable directly again. */
    private static void release(Member<?, ?> m) {
        ExchangeEndpoint<?, ?> e = m.endpoint;
        e.exchange.setSignalVolatile(e.first, null);
        e.releaseOwner(); // release: the next owner sees what the selecting threads wrote
    }

    /** The deadline of a timed select; wraps for a huge timeout, as an endpoint's does (deadline - now stays right). */
    static long deadline(Duration timeout) {
        return System.nanoTime() + ExchangeEndpoint.nanos(timeout);
    }

    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OWNER = l.findVarHandle(SelectCore.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
