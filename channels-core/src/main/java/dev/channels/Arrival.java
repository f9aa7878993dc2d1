package dev.channels;

/**
 * What one {@link Selector#select() select} took: an arrival at one member of a {@link Selector}
 * (a value, or the {@code null} of a request, that the member's other end handed over), or that
 * member's close.
 *
 * <p>There is one {@code Arrival} per member, reused by every select that returns that member:
 * read it before the next select, and keep it, if you like, as the handle to that member (to
 * {@link #post post} its answer later). Selects allocate nothing.
 *
 * @param <I> the type of values the members receive
 * @param <O> the type of values the members send
 */
public interface Arrival<I, O> {

    /**
     * The member this arrival came from, for comparing with the endpoints the set was built from
     * ({@code a.endpoint() == stop}). While it is in the set, hand values to it only through
     * {@link #post}: a call made directly on a member is refused (see {@link Selector}).
     *
     * @return the member endpoint
     */
    Endpoint<? extends I, ? super O> endpoint();

    /**
     * The member's position in the list the set was built from, from 0.
     *
     * @return the index of the member
     */
    int index();

    /**
     * The value taken: {@code null} for a request (the other end's {@code receive()}) or the
     * start signal.
     *
     * @return the value taken by the select that returned this arrival
     * @throws IllegalStateException if this arrival is the member's close ({@link #isClosed()})
     */
    I value();

    /**
     * Tells whether this arrival is the member's close rather than a value. The member has left
     * the set; its {@link Endpoint#taken()} tells whether a value it had posted was taken.
     *
     * @return true if the member's channel was closed
     */
    boolean isClosed();

    /**
     * The cause the channel was closed with, or {@code null} (a plain close, or not closed).
     *
     * @return the close's cause, if any
     */
    Throwable cause();

    /**
     * Hands {@code value} to the member's other end without waiting for its answer, which becomes
     * one of the set's later arrivals: a server's reply, a dispatcher's job, a consumer's request
     * for more ({@code null}). The member must hold the turn, as after the arrival that a select
     * returned. Call it from the thread that selects, between selects.
     *
     * @param value the value to hand over, {@code null} included
     * @throws IllegalStateException if the member does not hold the turn (a reply is pending, it
     *         is taking a batch, or it was not returned by a select since its last post), if it
     *         left the set, or if a select is running
     * @throws ChannelClosedException if the member's channel is closed; nothing was handed over
     */
    void post(O value);

    /**
     * Hands {@code value} to this member without waiting, then waits for the set's next arrival
     * and returns it: {@link #post post(value)} followed by {@link Selector#select() select()} in
     * one call, as {@link Endpoint#send(Object)} hands a value over and waits for the next. A
     * server's loop reads {@code a = a.send(reply)}; it takes the set once where the two calls
     * take it twice, so it is the cheaper way to answer and go on. The next arrival may come from
     * any member, this one included.
     *
     * <pre>{@code
     * Arrival<Request, Reply> a = server.select();
     * while (true) {
     *     if (a.isClosed()) {                       // a client left
     *         if (server.size() == 0) break;
     *         a = server.select();
     *     } else {
     *         a = a.send(answer(a.value()));        // reply, and take the next request
     *     }
     * }
     * }</pre>
     *
     * @param value the value to hand over, {@code null} included
     * @return the set's next arrival
     * @throws InterruptedException if interrupted on entry (nothing was handed over) or while
     *         waiting for the next arrival (the value was handed over, as by {@code post};
     *         nothing was taken). To tell which, ask the member: {@code endpoint().isReplyPending()}
     *         is true, on the selecting thread, once the value was handed over
     * @throws IllegalStateException as {@link #post} does (nothing was handed over), or as
     *         {@link Selector#select()} does once the value was handed over (every member has
     *         closed, or every open member holds the turn)
     * @throws ChannelClosedException if this member's channel is closed; nothing was handed over
     *         and nothing taken (the close is also the member's next arrival)
     */
    Arrival<I, O> send(O value) throws InterruptedException;
}
