package dev.channels;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

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
 *     {@code size() - 1} others: a set of more than 8 members serves ready members in the order
 *     they became ready; a smaller one, which reads its members' slots itself while it spins,
 *     serves them in rotation from the member after the one returned last.</li>
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
 * {@code null} to ask a producer for more); its answer is a later arrival.
 * {@link Arrival#send(Object)} posts and then selects the set's next arrival in one call, the
 * cheaper form of a server's loop ({@code a = a.send(reply)}). Keep the
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
 * allocates nothing. A set holds about 340 bytes per member, most of it padding: what the other
 * end of a member reads to signal it sits on cache lines of its own, so that a deposit never
 * reads a line the selecting thread writes.
 *
 * @param <I> the type of values the members receive
 * @param <O> the type of values the members send
 */
public final class Selector<I, O> extends SelectCore<I, O> implements Iterable<I>, AutoCloseable {


    private Selector(List<? extends Endpoint<? extends I, ? super O>> endpoints, boolean priority, boolean asking) {
        super(endpoints, priority, asking);
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
     * <p>Made for {@link #fanIn(List) fanIn}, which asks the member for more by itself. On a set
     * that does not ask ({@link #of(List) of}, {@link #priority(List) priority}) the member that
     * gave the value holds the turn, and only an {@link Arrival} kept from an earlier select can
     * answer it: use {@link #select()} there.
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
                    Member<I, O> m = nextValue(false, 0L);
                    if (m == null) {
                        return false;
                    }
                    next = valueOf(m);
                    ready = true;
                    return true;
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
     * Closes the channel of every member still in the set (the other ends see the close), then
     * dissolves the set. On a set already closed it does nothing: its former members are no
     * longer its own (they may be in use elsewhere).
     *
     * @throws IllegalStateException if another thread is selecting
     */
    public void closeMembers() {
        enter();
        try {
            if (dissolved) {
                return;
            }
            for (Member<I, O> m : members) {
                if (!m.gone) {
                    m.endpoint.close();
                }
            }
            dissolve();
        } finally {
            exit();
        }
    }

    /**
     * Runs {@code body} with this set, then closes every member's channel and dissolves the set,
     * however the body ends: the scope of a server or a fan-in, like {@link Endpoint#open(Endpoint.Body)}.
     * A body that closed the set itself ({@link #close()}, handing its members on) leaves them open.
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

    // ------------------------------------------------------------------ helpers

    private I receive(boolean timed, long deadline, Duration timeout) throws InterruptedException, TimeoutException {
        Member<I, O> m = nextValue(timed, deadline);
        if (m == TIMED_OUT) {
            throw new TimeoutException("no value arrived within " + timeout + "; nothing was taken");
        }
        if (m == null) {
            throw new ChannelClosedException(this, true, null);
        }
        return valueOf(m);
    }

    /**
     * Selects until an arrival is a value: a plain close is skipped, a close with a cause throws.
     * Returns the member, null once every member has closed, or TIMED_OUT.
     */
    private Member<I, O> nextValue(boolean timed, long deadline) throws InterruptedException {
        for (;;) {
            Member<I, O> m = doSelect(timed, deadline);
            if (m == null || m == TIMED_OUT || valueOrThrow(m)) {
                return m;
            }
        }
    }

    /** The value a member's arrival took, which the member then no longer retains. */
    private static <I> I valueOf(Member<I, ?> m) {
        I v = m.value();
        m.value = null;
        return v;
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
}
