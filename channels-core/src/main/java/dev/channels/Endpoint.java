package dev.channels;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One end of a {@link Channel}: it receives values of type {@code I} and sends values of type
 * {@code O}. A value sent into one endpoint is returned by the pending call at the other endpoint,
 * and the other way round.
 *
 * <pre>{@code
 * Channel<String, Void> ch = Channels.create();
 * Endpoint<String, Void> receiver = ch.first();   // receives String, sends Void
 * Endpoint<Void, String> sender   = ch.second();  // receives Void, sends String
 *
 * Thread.ofVirtual().start(() -> {
 *     try (sender) {
 *         sender.send("Hello");
 *         sender.send("Goodbye");
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });                                    // closing ends the loop on the other side
 * for (String m : receiver)
 *     System.out.println(m);
 * }</pre>
 *
 * <h2>Turns</h2>
 * The two endpoints speak in strict turns: first, second, first, second, ... {@link #send(Object)
 * send(v)} hands {@code v} over, then waits for the other end's next value and returns it (Python's
 * {@code asend}); {@link #receive()} is {@code send(null)}. Nothing is buffered beyond the one value
 * in transit, so a sender's {@code send(x)} returns once the receiver has taken {@code x} and asked
 * for the next value: the two threads alternate like a generator and its consumer.
 * <ul>
 * <li>The first endpoint starts by receiving: its first call hands over {@code null}, the start
 *     signal. A first call with a non-null value is a usage error. {@link #start()} hands the start
 *     signal over without waiting; the next {@link #receive()} then returns the second endpoint's
 *     first value.</li>
 * <li>The second endpoint waits until the first has started: {@link #start()} waits for exactly
 *     that, and its first {@code send} starts it implicitly.</li>
 * <li>{@code null} is a legal value in both directions.</li>
 * </ul>
 *
 * <h2>Closing</h2>
 * {@link #close()} may be called from any thread at any time, any number of times. The other
 * end's pending call, and every later call on either end, throw {@link ChannelClosedException};
 * iteration at either end ends normally. Values the other end took before the close are still
 * returned there; a value in transit that was not yet taken stays its sender's. With
 * {@link #close(Throwable)} the other end sees the cause, and iteration throws it instead of ending.
 * Closing is also the way to cancel a thread blocked on the channel: its call throws promptly.
 *
 * <h2>Interrupts, timeouts, and knowing what was handed over</h2>
 * A call follows {@code java.util.concurrent}: it throws {@link InterruptedException} at once if
 * the interrupt status is set on entry, and promptly if the thread is interrupted while it waits;
 * either way the status is cleared. The timed forms throw {@link TimeoutException}; they never
 * fire early, and {@link Duration#ZERO} checks without waiting. A call that ends by interrupt,
 * timeout or close is all-or-nothing for the value it carried:
 * <ul>
 * <li>{@link #taken()} tells how many items of the call's value or batch the other end took
 *     (0 or 1 for {@code send}). A single value is taken when a call of the other end receives
 *     it; a call there that was already waiting for it without a timeout ({@code receive()},
 *     {@code send(v)}, iteration) takes it the moment it is handed over, before its thread even
 *     looks, and returns it. If that waiting call is interrupted, it gives its claim up, and
 *     still returns a value that arrived before it did (normally, with the interrupt status
 *     set).</li>
 * <li>If the value was not taken, it is withdrawn: it is still the caller's and the endpoint is
 *     as before the call; call {@code send} again to resume. This holds for {@code null} too,
 *     which is data like any other value.</li>
 * <li>One call is different by nature: {@link #receive(Duration)} carries no data, only a request
 *     for the next value, and its request stays posted when it times out or is interrupted
 *     ({@link #isReplyPending()} is true); the next {@code receive} waits for the answer without
 *     asking again. This is what makes {@code receive(Duration.ZERO)} a poll: the first call
 *     posts the request, later calls pick up the answer once the other end has given it.</li>
 * <li>If it was taken, {@link #isReplyPending()} is true: the other end has the turn, and the next
 *     {@link #receive()} waits for its answer (a {@code send} of a non-null value would be an
 *     error). This holds too when the other end answered with a batch that had no item for this
 *     call (a {@code sendAll} of an empty iterator): the call had asked for more, as it does, and
 *     that request stays posted.</li>
 * <li>If the answer arrived at the same moment as the interrupt, the call returns normally and the
 *     interrupt status stays set.</li>
 * <li>A call withdraws only what it deposited itself. A request left posted by an earlier
 *     {@code receive(Duration)}, or the start signal handed over by {@link #start()}, stays posted
 *     when a later call that waits for its answer is interrupted or times out; that call hands
 *     nothing over, and {@link #taken()} tells whether the other end has taken what stays posted.</li>
 * </ul>
 * <pre>{@code
 * try {
 *     reply = out.send(request, Duration.ofMillis(50));
 * } catch (TimeoutException e) {
 *     if (out.isReplyPending()) reply = out.receive();  // taken: wait for the answer
 *     else retryLater(request);                          // not taken: still ours
 * }
 * }</pre>
 *
 * <h2>Batches</h2>
 * {@link #sendAll(Object[], int, int)} hands a whole array region over in one exchange, and
 * {@link #sendAll(Iterator)} hands over an iterator that the receiving thread pulls from.
 * {@link #receiveInto(Object[], int, int)} takes as many items as are available into an array;
 * {@link #receive()} and iteration take a batch one item at a time. A batch is one-way: the
 * receiving end answers it with {@code null}.
 *
 * <h2>Threads</h2>
 * Exactly one thread at a time may use an endpoint; a second thread calling while a call is in
 * progress gets an {@link IllegalStateException} at once, and the first call is unaffected.
 * Ownership may move between calls: pass the endpoint to another thread to delegate (with the
 * usual happens-before of a {@code java.util.concurrent} handoff). {@link #close()},
 * {@link #close(Throwable)} and {@link #isClosed()} may be called from any thread.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to handing a value (or batch)
 * over <i>happen-before</i> the return of the call that receives it in the other thread, and
 * actions prior to {@code close} happen-before the {@link ChannelClosedException} it causes.
 *
 * @param <I> the type of the values this endpoint receives
 * @param <O> the type of the values this endpoint sends
 */
public sealed interface Endpoint<I, O> extends Iterable<I>, AutoCloseable permits ExchangeEndpoint {

    /**
     * Hands {@code value} to the other endpoint, then waits for the other endpoint's next value
     * and returns it.
     *
     * <p>On the second endpoint, the first call first waits for the first endpoint to start. On
     * the first endpoint the first call must pass {@code null} (the start signal). If the previous
     * call ended by interrupt or timeout after its value was taken ({@link #isReplyPending()}),
     * {@code send(null)} just waits for the answer.
     *
     * @param value the value to hand over; may be null
     * @return the other endpoint's next value; may be null
     * @throws InterruptedException if interrupted on entry or while waiting; see the class
     *         documentation for whether the value was taken
     * @throws ChannelClosedException if the channel is or becomes closed before the answer arrives
     * @throws IllegalStateException if another thread is using this endpoint, if this is the first
     *         call on the first endpoint and {@code value} is non-null, if a reply is pending and
     *         {@code value} is non-null, or if this endpoint is answering a batch and {@code value}
     *         is non-null
     */
    I send(O value) throws InterruptedException;

    /**
     * Hands {@code value} to the other endpoint and returns at once, without waiting for the
     * answer: the reply of a server, the job of a dispatcher, Go's send into a waiting receiver.
     * The answer is this endpoint's next arrival; until a later {@link #receive()} (or a
     * {@link Selector}) takes it, a reply is pending ({@link #isReplyPending()}), exactly as after
     * a {@code send} whose wait was interrupted.
     *
     * <pre>{@code
     * Request r = server.receive();         // holds the turn now
     * server.post(answer(r));               // returns at once
     * ...                                   // do other work
     * Request next = server.receive();      // the client's next request
     * }</pre>
     *
     * <p>Exact like every other call: if the channel closes before the other end took the value,
     * the value stays the caller's; the later call that reports the close says so with
     * {@link #taken()} 0. A value posted is never withdrawn by a later call that is interrupted or
     * times out (that call did not post it).
     *
     * <p>The endpoint must hold the turn: after a call that received a value, or before the first
     * endpoint's first call ({@code post(null)} hands over the start signal, like {@link #start()}).
     * On the second endpoint before it started, {@code post} first waits for the start signal, as
     * {@code send} does; that is its only wait.
     *
     * @param value the value to hand over; may be null
     * @throws InterruptedException if interrupted on entry, or while a second endpoint waits for
     *         the start signal; nothing was handed over
     * @throws ChannelClosedException if the channel is closed; nothing was handed over
     *         ({@link #taken()} is 0)
     * @throws IllegalStateException if a reply is pending (take it with {@code receive()} first),
     *         if the other end is sending a batch (or sent one: answer it with {@code null}), if this
     *         is the first call on the first endpoint and {@code value} is non-null, or if another
     *         thread is using this endpoint (or a {@link Selector} holds it); nothing was handed over
     */
    void post(O value) throws InterruptedException;

    /**
     * Like {@link #send(Object)}, waiting at most {@code timeout} in all. A zero or negative
     * timeout checks without waiting.
     *
     * @param value   the value to hand over; may be null
     * @param timeout how long to wait at most
     * @return the other endpoint's next value; may be null
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws TimeoutException if the answer did not arrive in time; see {@link #taken()} and
     *         {@link #isReplyPending()} for whether the value was taken
     * @throws ChannelClosedException if the channel is or becomes closed before the answer arrives
     * @throws IllegalStateException as for {@link #send(Object)}
     * @throws NullPointerException if {@code timeout} is null
     */
    I send(O value, Duration timeout) throws InterruptedException, TimeoutException;

    /**
     * Waits for the other endpoint's next value and returns it: the same as {@code send(null)}.
     *
     * @return the other endpoint's next value; may be null
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws ChannelClosedException if the channel is or becomes closed before a value arrives
     * @throws IllegalStateException if another thread is using this endpoint
     */
    default I receive() throws InterruptedException {
        return send(null);
    }

    /**
     * Like {@link #receive()}, waiting at most {@code timeout}. A zero or negative timeout checks
     * without waiting. Unlike {@code send(null, timeout)}, a call that times out or is interrupted
     * leaves its request for the next value posted (a reply is pending), so polling with
     * {@code receive(Duration.ZERO)} works: a later {@code receive} picks up the answer without
     * asking again.
     *
     * <pre>{@code
     * for (;;) {
     *     try {
     *         handle(in.receive(Duration.ZERO));
     *     } catch (TimeoutException e) {
     *         doOtherWork();   // the request stays posted; the next poll picks up the answer
     *     }
     * }
     * }</pre>
     *
     * @param timeout how long to wait at most
     * @return the other endpoint's next value; may be null
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws TimeoutException if no value arrived in time
     * @throws ChannelClosedException if the channel is or becomes closed before a value arrives
     * @throws IllegalStateException if another thread is using this endpoint
     * @throws NullPointerException if {@code timeout} is null
     */
    I receive(Duration timeout) throws InterruptedException, TimeoutException;

    /**
     * Hands the region {@code items[offset .. offset+length)} over in one exchange. The receiving
     * thread copies the items straight out of {@code items}, so do not modify the region until
     * this method returns. Returns when all items were taken and the receiver asked for more (its
     * answer is {@code null}). A zero length returns at once without touching the channel.
     *
     * <p>If the call ends by interrupt or close part-way, {@link #taken()} is the number of items
     * taken, {@code items[offset .. offset+taken())} went over, and the rest stays the caller's.
     * If some were taken, a reply is pending: {@link #receive()} resumes, then send the rest.
     *
     * @param items  the array holding the items; items may be null
     * @param offset the index of the first item
     * @param length the number of items
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws ChannelClosedException if the channel is or becomes closed before all were taken
     * @throws IndexOutOfBoundsException if the region is not inside {@code items}; nothing is
     *         handed over
     * @throws NullPointerException if {@code items} is null
     * @throws IllegalStateException if another thread is using this endpoint, if this is the first
     *         call on the first endpoint (it starts by receiving), if a reply is pending, or if
     *         this endpoint is answering a batch
     */
    void sendAll(O[] items, int offset, int length) throws InterruptedException;

    /**
     * Hands an iterator over in one exchange: the receiving thread pulls the items from it lazily,
     * on its own thread, as it receives them. Returns when the iterator is exhausted and the
     * receiver asked for more.
     *
     * <p>The iterator must not be used by the caller until this method returns. If the iterator
     * throws, the batch ends there and this method rethrows that exception (an unchecked one as
     * is; its stack trace is the receiving thread's). If the call ends by interrupt or close while
     * the receiving thread is inside the iterator's {@code hasNext} or {@code next}, this method
     * waits for that call to return, so that the iterator is never used by two threads at once;
     * {@link #taken()} then counts every item pulled. The batch has no length limit: an endless
     * iterator may hand over items for as long as the receiver takes them.
     *
     * @param items the iterator to pull from
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws ChannelClosedException if the channel is or becomes closed before the iterator was
     *         exhausted
     * @throws NullPointerException if {@code items} is null
     * @throws IllegalStateException as for {@link #sendAll(Object[], int, int)}
     */
    void sendAll(Iterator<? extends O> items) throws InterruptedException;

    /**
     * Hands {@code items.iterator()} over, as {@link #sendAll(Iterator)} does. The iterator is
     * created on the calling thread and pulled on the receiving thread.
     *
     * @param items the items
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws ChannelClosedException if the channel is or becomes closed before all were taken
     * @throws NullPointerException if {@code items} is null
     * @throws IllegalStateException as for {@link #sendAll(Object[], int, int)}
     */
    default void sendAll(Iterable<? extends O> items) throws InterruptedException {
        sendAll(items.iterator());
    }

    /**
     * Waits for at least one item, then copies as many as are available, up to {@code length},
     * into {@code buffer} from {@code offset}, and returns how many. Works whatever the other end
     * used: a {@code send} delivers one item, a {@code sendAll} as many as fit. Returns -1 at the
     * end of the channel (closed without a cause), like {@code InputStream.read}, and 0 at once if
     * {@code length} is 0.
     *
     * <p>Only {@code buffer[offset .. offset+count)} is defined on return; other elements of the
     * region may have been written to.
     *
     * @param buffer the array to fill
     * @param offset the index of the first element to fill
     * @param length the most items to take
     * @return the number of items copied, or -1 at the end of the channel
     * @throws InterruptedException if interrupted on entry or while waiting; no item was taken
     * @throws ChannelClosedException if the channel was closed with a cause
     * @throws IndexOutOfBoundsException if the region is not inside {@code buffer}
     * @throws NullPointerException if {@code buffer} is null
     * @throws ArrayStoreException if the next item's type does not fit {@code buffer}; that item is
     *         not taken from the channel (or, pulled from an iterator, is kept for the next call),
     *         so a call with a fitting array returns it
     * @throws IllegalStateException if another thread is using this endpoint
     */
    int receiveInto(I[] buffer, int offset, int length) throws InterruptedException;

    /**
     * Starts this endpoint. On the first endpoint: hands the start signal over without waiting
     * (the next {@link #receive()} returns the second endpoint's first value). On the second
     * endpoint: waits until the first endpoint has started. Does nothing if this endpoint has
     * started already.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws ChannelClosedException if the channel is or becomes closed first
     * @throws IllegalStateException if another thread is using this endpoint
     */
    void start() throws InterruptedException;

    /**
     * {@linkplain #start() Starts} this endpoint and returns it, for try-with-resources, which
     * closes it at the end of the block.
     *
     * <pre>{@code
     * try (var out = sender.open()) {
     *     out.send("Hello");
     * }
     * }</pre>
     *
     * @return this endpoint
     * @throws InterruptedException if interrupted while waiting to start
     * @throws ChannelClosedException if the channel is or becomes closed first
     */
    default Endpoint<I, O> open() throws InterruptedException {
        start();
        return this;
    }

    /**
     * Runs {@code body} in a scope that starts this endpoint, clears the end of the channel, and
     * closes this endpoint: Python's {@code channels.open(ag)} with its defaults. The same as
     * {@code open(EnumSet.allOf(ScopeOption.class), body)}.
     *
     * <pre>{@code
     * letters.open(c -> {
     *     System.out.println(c.send("A"));
     *     System.out.println(c.send("B"));
     * });   // closes; the other end's open(...) ends quietly too
     * }</pre>
     *
     * @param body the code to run with this endpoint
     * @throws InterruptedException if interrupted while starting, or if {@code body} throws it
     * @throws NullPointerException if {@code body} is null
     */
    default void open(Body<I, O> body) throws InterruptedException {
        open(EnumSet.allOf(ScopeOption.class), body);
    }

    /**
     * Runs {@code body} in a scope with the given options, Python's
     * {@code channels.open(ag, start=..., clear=..., close=...)}:
     * <ul>
     * <li>{@link ScopeOption#START}: {@link #start()} this endpoint before {@code body};</li>
     * <li>{@link ScopeOption#CLEAR}: swallow a {@link ChannelClosedException} thrown by a call on
     *     this endpoint because the other end closed the channel without a cause (the normal end
     *     of a conversation); any other exception, and a close with a cause, propagate;</li>
     * <li>{@link ScopeOption#CLOSE}: {@link #close()} this endpoint when the scope ends, however
     *     it ends, except by the {@link IllegalStateException} of finding this endpoint in use by
     *     another thread: that thread's channel is not this scope's to close.</li>
     * </ul>
     * <pre>{@code
     * // the first endpoint starts by receiving, so it opens without START:
     * numbers.open(EnumSet.of(ScopeOption.CLEAR, ScopeOption.CLOSE), c -> {
     *     System.out.println(c.receive());
     *     for (int i = 0; ; i++) System.out.println(c.send(i));
     * });
     * }</pre>
     *
     * @param options the options; an empty set just runs {@code body}
     * @param body    the code to run with this endpoint
     * @throws InterruptedException if interrupted while starting, or if {@code body} throws it
     * @throws NullPointerException if {@code options} or {@code body} is null
     */
    void open(Set<ScopeOption> options, Body<I, O> body) throws InterruptedException;

    /**
     * Closes the channel: the other end's pending call, and every later call on either end, throw
     * {@link ChannelClosedException}; iteration ends normally. Idempotent; may be called from any
     * thread at any time. Does not wait.
     */
    @Override
    void close();

    /**
     * Closes the channel with a cause: like {@link #close()}, but the other end's exception
     * carries {@code cause}, and iteration throws instead of ending. The first close wins: if the
     * channel is already closed, this does nothing.
     *
     * @param cause why the channel closes
     * @throws NullPointerException if {@code cause} is null (use {@link #close()})
     */
    void close(Throwable cause);

    /**
     * Tells whether the channel is closed (by either end). May be called from any thread.
     *
     * @return true once either endpoint was closed
     */
    boolean isClosed();

    /**
     * Tells whether this endpoint has handed a value over and still waits for the other end's
     * answer: after a {@code send} or {@code receive} that ended by interrupt or timeout once its
     * value was taken, or after {@link #start()} on the first endpoint. While it is true, call
     * {@link #receive()} (or {@code send(null)}) to take the answer; sending a non-null value is an
     * error.
     *
     * @return true if an answer is pending
     */
    boolean isReplyPending();

    /**
     * Tells how much of the value or batch carried by this endpoint's most recent call the other
     * end took: 1 or 0 for a {@code send} or {@code receive} (whose value is {@code null}), the
     * number of items for a {@code sendAll} ({@link Integer#MAX_VALUE} for an iterator batch that
     * handed over more items than an {@code int} counts: the iterator itself then tells where the
     * hand-over stopped). Use it after an interrupt, timeout or close to learn what went over; what
     * was not taken is still the caller's. A call refused at once (interrupt status set, a usage
     * error) sets it to 0. While a reply is pending, a call that waits for the answer and ends by
     * timeout, interrupt or close reports on the value that is pending (1 once the other end took
     * it), even if a call refused at once set it to 0 in between. Calls rejected for their
     * arguments, and zero-length batches, return or throw without touching the endpoint and leave
     * it as it was. To decide what to call next, {@link #isReplyPending()} is the authority: an
     * iterator batch can end with nothing taken and still leave a reply pending.
     *
     * @return the number of items of the last call taken by the other end
     */
    int taken();

    /**
     * Returns an iterator whose every step is a {@link #receive()}. It ends when the channel is
     * closed without a cause (by either end), and throws {@link ChannelClosedException} when it is
     * closed with one. An interrupt while it waits throws {@link ChannelInterruptedException}
     * with the interrupt status set again; the channel stays intact and iteration can resume.
     * {@code hasNext()} blocks until a value or the end arrives.
     *
     * @return an iterator over the values received
     */
    @Override
    Iterator<I> iterator();

    /**
     * Returns a sequential, ordered, lazy stream of the values received, ending as
     * {@link #iterator()} does. Closing the stream closes this endpoint, so
     * {@code try (var s = endpoint.stream()) { ... }} ends the conversation at the end of the
     * block.
     *
     * @return a stream of the values received
     */
    Stream<I> stream();

    /**
     * The body of a scope opened with {@link Endpoint#open(Set, Body)}.
     *
     * @param <I> the type of the values the endpoint receives
     * @param <O> the type of the values the endpoint sends
     */
    @FunctionalInterface
    interface Body<I, O> {
        /**
         * Runs with the endpoint.
         *
         * @param endpoint the endpoint of the scope
         * @throws InterruptedException if interrupted
         */
        void run(Endpoint<I, O> endpoint) throws InterruptedException;
    }
}
