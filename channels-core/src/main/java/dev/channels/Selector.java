package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Alternation: one thread waiting on a set of endpoints at once, taking exactly one arrival per
 * {@link #select() select} (CSP's {@code ALT}, Go's {@code select}). It serves fan-in, worker
 * pools and servers from one thread.
 *
 * <p>A member has an <em>arrival</em> when its other end's deposit is waiting to be taken by it:
 * a value, the {@code null} of a {@code receive()} (a request), or the start signal. A select
 * waits until some member has one, takes exactly that one, and returns the member's
 * {@link Arrival}: which member, and what. A member's close is an arrival too (an event for that
 * member, with its cause): the member leaves the set, and the set goes on with the others.
 *
 * <pre>{@code
 * // An RPC server: clients call reply = client.send(request); one thread answers them all.
 * try (Selector<Request, Reply> server = Selector.of(endpoints)) {   // the first() of each channel
 *     while (server.size() > 0) {
 *         Arrival<Request, Reply> a = server.select();
 *         if (!a.isClosed()) {
 *             a.post(answer(a.value()));    // hands the reply over without waiting
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Three kinds of set</h2>
 * <ul>
 * <li>{@link #of(List)}: fair. No member that is ready at every select waits for more than
 *     {@code size() - 1} others: ready members are served in the order they became ready.</li>
 * <li>{@link #priority(List)}: the first ready member in the list's order wins.</li>
 * <li>{@link #fanIn(List)}: fair, and it asks for more by itself: the producer whose value a
 *     select returned is asked for its next value (sent a {@code null} request) when the next
 *     select begins, no earlier, so producers stay lazy: a producer's {@code send(x)} returns
 *     when the consumer wants its next value. Iterate it like one endpoint:
 *     {@code for (T v : Selector.fanIn(consumers)) ...}; it ends when every member has closed.</li>
 * </ul>
 * A first endpoint that has not started is started by the set (its start signal handed over, as
 * {@link Endpoint#start()} does) when the set first looks at it; a second endpoint's start
 * signal is an arrival with the value {@code null} (a fan-in takes it and asks at once).
 *
 * <h2>Handing values to members</h2>
 * A select leaves the member it returned holding the turn. Answer it with
 * {@link Arrival#post(Object)}, which hands a value over without waiting (a reply, a job, or
 * {@code null} to ask a producer for more); its answer is a later arrival. Keep the
 * {@code Arrival} to answer later: it is the member's handle. A member that holds the turn has
 * nothing to wait for: a select on a set whose open members all hold the turn throws
 * {@link IllegalStateException} at once instead of waiting forever.
 *
 * <h2>Ownership</h2>
 * The set holds its members from construction until {@link #close()}: a call made directly on a
 * member ({@code send}, {@code receive}, another set) is refused at once with
 * {@link IllegalStateException}, and nothing changes. {@code close()}, {@code isClosed()} and
 * {@code taken()} of a member work as always, from any thread. A member whose close was
 * reported is released. One thread at a time may select or post on a set; a second thread is
 * refused at once.
 *
 * <h2>Interrupts, timeouts, exactness</h2>
 * A select that returns took exactly one arrival; one that throws ({@link InterruptedException},
 * {@link TimeoutException}) took none. {@link Duration#ZERO} polls without waiting. What a
 * select handed over itself (a fan-in's request for more) follows the rules of a {@code send} cut
 * short: withdrawn if the producer had not taken it (and asked again by the next select),
 * otherwise its answer is the member's next arrival. So a fan-in polled with
 * {@code Duration.ZERO} asks and withdraws: give producers a little time instead.
 *
 * <h2>Waiting and scale</h2>
 * A select spins, then parks, as the wait strategy of the first member's channel says; a parked
 * selector costs no CPU and frees a virtual thread's carrier. The other end of a member signals
 * the set when it deposits or closes, and the set looks only at the members that were signalled:
 * a select over 1,000 members of which one is ready does not touch the other 999. A select
 * allocates nothing.
 *
 * @param <I> the type of values the members receive
 * @param <O> the type of values the members send
 */
public final class Selector<I, O> implements Iterable<I>, AutoCloseable {

    /** The owner a member endpoint holds while it is in a set: refuses direct calls with a clear message. */
    static final Thread HOLDER = Thread.ofPlatform().name("Selector").unstarted(() -> { });

    private final Member<I, O>[] members;
    private final boolean priority;
    private final boolean asking;
    private final WaitStrategy strategy;

    /** The thread inside select or post, or null. CAS on entry (acquire), release on exit. */
    private volatile Thread owner;
    /** Members signalled since the last drain, newest first (a Treiber stack). */
    private volatile Member<I, O> head;
    /** The selecting thread while it is parked, else null. */
    private volatile Thread waiter;

    // Owned by the thread inside select or post.
    /** Members to look at, oldest first (fair sets). */
    private Member<I, O> queueHead;
    private Member<I, O> queueTail;
    /** Members to look at, by index (priority sets). */
    private final long[] ready;
    /** Members whose close has not been reported; members that can have an arrival. */
    private int open;
    private int awaiting;
    /** A fan-in's member to ask for more when the next select begins. */
    private Member<I, O> toAsk;
    private boolean dissolved;

    @SuppressWarnings("unchecked")
    private Selector(List<? extends Endpoint<? extends I, ? super O>> endpoints, boolean priority, boolean asking) {
        Objects.requireNonNull(endpoints, "members");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a Selector needs at least one member");
        }
        int n = endpoints.size();
        this.members = (Member<I, O>[]) new Member<?, ?>[n];
        this.priority = priority;
        this.asking = asking;
        this.ready = priority ? new long[(n + 63) >>> 6] : null;
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
            Member<I, O> m = new Member<>(this, e, i);
            members[i] = m;
            // volatile: from now on every deposit and close of the other end signals m
            e.exchange.setWaiterVolatile(e.first, m);
            queue(m); // the first select looks at every member once
        }
        this.open = n;
        this.strategy = members[0].endpoint.exchange.strategy.forEndpoint();
        OWNER.setRelease(this, null); // release: publishes the fields above to the first selecting thread
    }

    /**
     * A fair set of the given endpoints, in this order.
     *
     * @param members the endpoints; each may be in one set at a time, and no call may be using it
     * @param <I>     the type of values the members receive
     * @param <O>     the type of values the members send
     * @return the set
     * @throws IllegalArgumentException if {@code members} is empty
     * @throws IllegalStateException    if an endpoint is listed twice, is in another set, or is in use
     */
    public static <I, O> Selector<I, O> of(List<? extends Endpoint<? extends I, ? super O>> members) {
        return new Selector<>(members, false, false);
    }

    /**
     * A fair set of the given endpoints; see {@link #of(List)}.
     *
     * @param members the endpoints
     * @param <I>     the type of values the members receive
     * @param <O>     the type of values the members send
     * @return the set
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through a List view
    public static <I, O> Selector<I, O> of(Endpoint<? extends I, ? super O>... members) {
        return of(Arrays.asList(members));
    }

    /**
     * A set in which the first ready member, in this order, wins every select.
     *
     * @param members the endpoints, highest priority first
     * @param <I>     the type of values the members receive
     * @param <O>     the type of values the members send
     * @return the set
     * @throws IllegalArgumentException if {@code members} is empty
     * @throws IllegalStateException    if an endpoint is listed twice, is in another set, or is in use
     */
    public static <I, O> Selector<I, O> priority(List<? extends Endpoint<? extends I, ? super O>> members) {
        return new Selector<>(members, true, false);
    }

    /**
     * A priority set; see {@link #priority(List)}.
     *
     * @param members the endpoints, highest priority first
     * @param <I>     the type of values the members receive
     * @param <O>     the type of values the members send
     * @return the set
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through a List view
    public static <I, O> Selector<I, O> priority(Endpoint<? extends I, ? super O>... members) {
        return priority(Arrays.asList(members));
    }

    /**
     * A fair set that asks its members for more by itself: the consumer's side of a fan-in.
     * Each select first asks the member that the previous select returned for its next value.
     *
     * <pre>{@code
     * for (String line : Selector.fanIn(fromProducers))   // the first() endpoint of each channel
     *     System.out.println(line);                        // ends when every producer has closed
     * }</pre>
     *
     * @param members the consumer's endpoints, one per producer
     * @param <I>     the type of values the members receive
     * @param <O>     the type of values the members send (their requests are {@code null})
     * @return the set
     * @throws IllegalArgumentException if {@code members} is empty
     * @throws IllegalStateException    if an endpoint is listed twice, is in another set, or is in use
     */
    public static <I, O> Selector<I, O> fanIn(List<? extends Endpoint<? extends I, ? super O>> members) {
        return new Selector<>(members, false, true);
    }

    /**
     * A fan-in set; see {@link #fanIn(List)}.
     *
     * @param members the consumer's endpoints, one per producer
     * @param <I>     the type of values the members receive
     * @param <O>     the type of values the members send
     * @return the set
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through a List view
    public static <I, O> Selector<I, O> fanIn(Endpoint<? extends I, ? super O>... members) {
        return fanIn(Arrays.asList(members));
    }

    // ------------------------------------------------------------------ public calls

    /**
     * Waits until a member has an arrival, takes it, and returns it.
     *
     * @return the arrival: the member, and the value it took or the member's close
     * @throws InterruptedException  if interrupted on entry or while waiting; nothing was taken
     * @throws IllegalStateException if every member has closed, if every open member holds the
     *         turn (nothing can arrive), if another thread is selecting, or if the set was closed
     */
    public Arrival<I, O> select() throws InterruptedException {
        return returned(doSelect(false, 0L));
    }

    /**
     * Like {@link #select()}, waiting at most {@code timeout}; {@link Duration#ZERO} polls.
     *
     * @param timeout how long to wait at most
     * @return the arrival
     * @throws InterruptedException  if interrupted on entry or while waiting; nothing was taken
     * @throws TimeoutException      if nothing arrived in time; nothing was taken
     * @throws IllegalStateException as for {@link #select()}
     */
    public Arrival<I, O> select(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = deadline(timeout);
        Member<I, O> m = doSelect(true, deadline);
        if (m == TIMED_OUT) {
            throw new TimeoutException("nothing arrived within " + timeout + "; nothing was taken");
        }
        return returned(m);
    }

    /**
     * The next value from any member: selects until an arrival is a value. A member closed
     * without a cause leaves the set quietly; one closed with a cause throws.
     *
     * @return the value
     * @throws InterruptedException   if interrupted on entry or while waiting; nothing was taken
     * @throws ChannelClosedException if a member was closed with a cause (the set goes on with
     *         the others), or, without a cause, once every member has closed
     * @throws IllegalStateException  as for {@link #select()}
     */
    public I receive() throws InterruptedException {
        try {
            return receive(false, 0L, null);
        } catch (TimeoutException e) {
            throw new AssertionError("an untimed receive timed out", e);
        }
    }

    /**
     * Like {@link #receive()}, waiting at most {@code timeout} in all.
     *
     * @param timeout how long to wait at most
     * @return the value
     * @throws InterruptedException   if interrupted on entry or while waiting; nothing was taken
     * @throws TimeoutException       if no value arrived in time; nothing was taken
     * @throws ChannelClosedException as for {@link #receive()}
     */
    public I receive(Duration timeout) throws InterruptedException, TimeoutException {
        return receive(true, deadline(timeout), timeout);
    }

    /**
     * Iterates the values from all members, as {@link #receive()} takes them, until every member
     * has closed. A close with a cause throws {@link ChannelClosedException}; an interrupt throws
     * {@link ChannelInterruptedException} with the interrupt status set again.
     */
    @Override
    public Iterator<I> iterator() {
        return new Iterator<>() {
            private I next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                if (ready) {
                    return true;
                }
                try {
                    for (;;) {
                        Member<I, O> m = doSelect(false, 0L);
                        if (m == null) {
                            return false;
                        }
                        if (valueOrThrow(m)) {
                            next = m.value();
                            m.value = null;
                            ready = true;
                            return true;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ChannelInterruptedException(e);
                }
            }

            @Override
            public I next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("every member of the Selector has closed");
                }
                I v = next;
                next = null;
                ready = false;
                return v;
            }
        };
    }

    /**
     * The number of members whose close has not been reported yet.
     *
     * @return the open members
     */
    public int size() {
        return open;
    }

    /**
     * Dissolves the set: every member that is still in it is released, usable directly again
     * (a member whose value or request is posted keeps it posted: a reply is pending). The
     * members' channels stay open; see {@link #closeMembers()}. Later selects throw
     * {@link IllegalStateException}. Calling it again does nothing.
     *
     * @throws IllegalStateException if another thread is selecting
     */
    @Override
    public void close() {
        enter();
        try {
            dissolve();
        } finally {
            exit();
        }
    }

    /**
     * Closes every member's channel (the other ends see the close), then dissolves the set.
     *
     * @throws IllegalStateException if another thread is selecting
     */
    public void closeMembers() {
        enter();
        try {
            for (Member<I, O> m : members) {
                m.endpoint.close();
            }
            dissolve();
        } finally {
            exit();
        }
    }

    /**
     * Runs {@code body} with this set, then closes every member's channel and dissolves the set,
     * however the body ends: the scope of a server or a fan-in, like {@link Endpoint#open(Endpoint.Body)}.
     *
     * @param body what to do with the set
     * @throws InterruptedException if the body is interrupted
     */
    public void open(Body<I, O> body) throws InterruptedException {
        Objects.requireNonNull(body, "body");
        try {
            body.run(this);
        } finally {
            closeMembers();
        }
    }

    /**
     * The body of a scope opened with {@link #open(Body)}.
     *
     * @param <I> the type of values the members receive
     * @param <O> the type of values the members send
     */
    @FunctionalInterface
    public interface Body<I, O> {
        /**
         * Uses the set.
         *
         * @param selector the set
         * @throws InterruptedException if interrupted
         */
        void run(Selector<I, O> selector) throws InterruptedException;
    }

    @Override
    public String toString() {
        return "Selector@" + Integer.toHexString(System.identityHashCode(this)) + "["
                + (asking ? "fan-in" : priority ? "priority" : "fair") + ", " + members.length + " members, "
                + open + " open, " + awaiting + " waiting for an arrival" + (dissolved ? ", closed" : "") + "]";
    }

    // ------------------------------------------------------------------ select

    /** doSelect's result when a timed select ran out of time. */
    private static final Member<?, ?> TIMED_OUT = new Member<>(null, null, -1);

    @SuppressWarnings("unchecked")
    private static <I, O> Member<I, O> timedOut() {
        return (Member<I, O>) TIMED_OUT;
    }

    /**
     * The select loop: asks (fan-in), then looks at signalled members until one yields an arrival,
     * waiting between looks. Returns the member, null if every member has closed, or TIMED_OUT.
     */
    private Member<I, O> doSelect(boolean timed, long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread me = enter();
        try {
            if (dissolved) {
                throw new IllegalStateException("this Selector was closed: its members have left it (" + this + ")");
            }
            Member<I, O> asked = toAsk;
            if (asked != null) {
                toAsk = null;
                ask(asked);
            }
            int attempt = 0;
            for (;;) {
                Member<I, O> m = priority ? nextByPriority() : nextInOrder();
                if (m != null) {
                    if (asking && !m.gone && m.endpoint.phase == Phase.TURN) {
                        toAsk = m; // asked when the next select begins: producers stay lazy
                    }
                    return m;
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
                    cancelAsk(asked);
                    Thread.interrupted();
                    throw new InterruptedException();
                }
                if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        cancelAsk(asked);
                        return timedOut();
                    }
                    if (remaining < EndpointWaits.SPIN_FOR_TIMEOUT_THRESHOLD) {
                        Thread.onSpinWait();
                        continue;
                    }
                }
                if (strategy.idle(attempt)) {
                    if (attempt < Integer.MAX_VALUE) {
                        attempt++;
                    }
                } else {
                    park(me, timed, deadline);
                }
            }
        } finally {
            exit();
        }
    }

    /** Fair: the oldest queued member that has an arrival; null if none does now. */
    private Member<I, O> nextInOrder() {
        for (;;) {
            Member<I, O> m = queueHead;
            if (m == null) {
                if (!drain()) {
                    return null;
                }
                continue;
            }
            queueHead = m.next;
            if (queueHead == null) {
                queueTail = null;
            }
            m.next = null;
            m.dequeued(); // volatile, before the look at the slot: see Member.signal
            if (look(m)) {
                return m;
            }
        }
    }

    /** Priority: the lowest-index signalled member that has an arrival; null if none does now. */
    private Member<I, O> nextByPriority() {
        final long[] bits = ready;
        for (;;) {
            drain();
            int w = 0;
            while (w < bits.length && bits[w] == 0L) {
                w++;
            }
            if (w == bits.length) {
                return null;
            }
            int bit = Long.numberOfTrailingZeros(bits[w]);
            bits[w] &= ~(1L << bit);
            Member<I, O> m = members[(w << 6) + bit];
            if (look(m)) {
                return m;
            }
        }
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
                        queue(m); // more items of the batch are ready now
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
                    if (asking) {
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
                queue(m); // closed: the next look reports it
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

    private Member<I, O> returned(Member<I, O> m) {
        if (m == null) {
            throw new IllegalStateException("every member of this Selector has closed: nothing is left to select ("
                    + this + ")");
        }
        return m;
    }

    private I receive(boolean timed, long deadline, Duration timeout) throws InterruptedException, TimeoutException {
        for (;;) {
            Member<I, O> m = doSelect(timed, deadline);
            if (m == TIMED_OUT) {
                throw new TimeoutException("no value arrived within " + timeout + "; nothing was taken");
            }
            if (m == null) {
                throw new ChannelClosedException(this, true, null);
            }
            if (valueOrThrow(m)) {
                I v = m.value();
                m.value = null; // do not retain it
                return v;
            }
        }
    }

    /** True if the arrival is a value; false for a plain close; throws for a close with a cause. */
    private static boolean valueOrThrow(Member<?, ?> m) {
        Closed c = m.closed;
        if (c == null) {
            return true;
        }
        if (c.cause() != null) {
            throw m.endpoint.closedException(c);
        }
        return false;
    }

    // ------------------------------------------------------------------ post

    /** Arrival.post: a member's hand-over without waiting, between selects. */
    void post(Member<I, O> m, O value) {
        enter();
        try {
            if (dissolved) {
                throw new IllegalStateException("this Selector was closed: post on the endpoint itself (" + this + ")");
            }
            ExchangeEndpoint<?, ?> e = m.endpoint;
            if (m.gone) {
                throw e.closedException(m.closed);
            }
            if (!e.depositWithoutWaiting(value, "Arrival.post")) {
                queue(m); // the next select reports the close as an event too
                throw e.closedException(e.closed);
            }
            if (toAsk == m) {
                toAsk = null; // answered by the user instead
            }
            count(m);
        } finally {
            exit();
        }
    }

    // ------------------------------------------------------------------ signals and waiting

    /** Member.signal: pushes a member that was not queued, then wakes the selector if it is parked. */
    void push(Member<I, O> m) {
        Member<I, O> h;
        do {
            h = head;
            m.next = h; // plain: published by the CAS below
        } while (!HEAD.weakCompareAndSet(this, h, m)); // volatile CAS: then the waiter read (Dekker)
        Thread w = waiter; // volatile
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Moves the signalled members to the local queue (or the ready bits), oldest first. False if none. */
    private boolean drain() {
        if (head == null) { // volatile read: no locked instruction while nothing was signalled
            return false;
        }
        @SuppressWarnings("unchecked")
        Member<I, O> m = (Member<I, O>) HEAD.getAndSet(this, null); // acquire: the pushers' next links
        Member<I, O> reversed = null;
        while (m != null) {
            Member<I, O> next = m.next;
            m.next = reversed;
            reversed = m;
            m = next;
        }
        while (reversed != null) {
            Member<I, O> next = reversed.next;
            reversed.next = null;
            if (priority) {
                reversed.dequeued(); // volatile: before its look (Member.signal)
                ready[reversed.index >>> 6] |= 1L << reversed.index;
            } else {
                append(reversed);
            }
            reversed = next;
        }
        return true;
    }

    /** Queues a member for a look by this thread; it must not be queued already (or queued flag set here). */
    private void queue(Member<I, O> m) {
        if (priority) {
            ready[m.index >>> 6] |= 1L << m.index;
        } else if (m.requeue()) {
            append(m);
        }
    }

    private void append(Member<I, O> m) {
        if (queueTail == null) {
            queueHead = m;
        } else {
            queueTail.next = m;
        }
        queueTail = m;
    }

    /** Parks until a member is signalled, the thread is interrupted, or the deadline passes. */
    private void park(Thread me, boolean timed, long deadline) {
        waiter = me; // volatile: ordered before the re-check of head (Dekker with push)
        try {
            while (head == null && !me.isInterrupted()) { // volatile re-check
                if (timed) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0L) {
                        return;
                    }
                    LockSupport.parkNanos(this, remaining);
                } else {
                    LockSupport.park(this);
                }
            }
        } finally {
            WAITER.setOpaque(this, null); // a stale read costs a spurious unpark only
        }
    }

    // ------------------------------------------------------------------ ownership

    private Thread enter() {
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

    private void exit() {
        OWNER.setRelease(this, null); // release: publishes this call's writes to the plain fields
    }

    private void dissolve() {
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
        e.exchange.setWaiterVolatile(e.first, null);
        e.releaseOwner(); // release: the next owner sees what the selecting threads wrote
    }

    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = timeout.isNegative() ? 0L : Long.MAX_VALUE;
        }
        // wraps for a huge timeout; deadline - System.nanoTime() stays right (as in Endpoint)
        return System.nanoTime() + Math.max(nanos, 0L);
    }

    private static final VarHandle OWNER;
    private static final VarHandle HEAD;
    private static final VarHandle WAITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OWNER = l.findVarHandle(Selector.class, "owner", Thread.class);
            HEAD = l.findVarHandle(Selector.class, "head", Member.class);
            WAITER = l.findVarHandle(Selector.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
