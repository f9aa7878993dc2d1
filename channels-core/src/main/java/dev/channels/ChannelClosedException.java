package dev.channels;

/**
 * Thrown by a call on an {@link Endpoint} whose channel is closed: by the pending call at the other
 * end when one end closes, and by every later call on either end.
 *
 * <p>If the channel was closed with {@link Endpoint#close(Throwable)}, {@link #getCause()} returns
 * that cause; after a plain {@link Endpoint#close()} it returns {@code null}. Iteration treats a
 * close without a cause as the normal end of the data and rethrows a close with a cause.
 *
 * <p>A sender that catches this exception learns from {@link Endpoint#taken()} how much of its last
 * value or batch the other end took before the close; what was not taken is still the sender's.
 *
 * <pre>{@code
 * try {
 *     out.send(order);
 * } catch (ChannelClosedException e) {
 *     if (out.taken() == 0) requeue(order);    // the other end never took it
 *     if (e.getCause() != null) log(e.getCause());
 * }
 * }</pre>
 */
public final class ChannelClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The endpoint whose call threw; lets a scope clear only its own channel's end. */
    private final transient Object endpoint;
    /** Whether {@code close} was called on the other endpoint than the one whose call threw. */
    private final boolean byOtherEnd;

    ChannelClosedException(Object endpoint, boolean byOtherEnd, Throwable cause) {
        super(message(byOtherEnd, cause), cause);
        this.endpoint = endpoint;
        this.byOtherEnd = byOtherEnd;
    }

    private static String message(boolean byOtherEnd, Throwable cause) {
        String who = byOtherEnd ? "the channel was closed by the other end" : "the channel was closed at this end";
        return cause == null ? who : who + " with cause " + cause;
    }

    /**
     * Tells whether {@code close} was called on the other endpoint (as opposed to the endpoint whose
     * call threw this exception).
     *
     * @return true if the other end closed the channel
     */
    public boolean isClosedByOtherEnd() {
        return byOtherEnd;
    }

    /** The end of the channel as {@link Endpoint#open(java.util.Set, Endpoint.Body)} clears it. */
    boolean isPlainEndOf(Object endpoint) {
        return this.endpoint == endpoint && byOtherEnd && getCause() == null;
    }
}
