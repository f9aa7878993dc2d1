package dev.channels;

/**
 * The options of a scope opened with {@link Endpoint#open(java.util.Set, Endpoint.Body)}: the three
 * keyword arguments of Python's {@code channels.open(ag, start=True, clear=True, close=True)}.
 * {@link Endpoint#open(Endpoint.Body)} uses all three.
 *
 * <pre>{@code
 * numbers.open(EnumSet.of(ScopeOption.CLEAR, ScopeOption.CLOSE), c -> { ... });  // start=False
 * }</pre>
 */
public enum ScopeOption {
    /** Start the endpoint before the body runs ({@link Endpoint#start()}). */
    START,
    /**
     * Swallow the {@link ChannelClosedException} that a call on the endpoint throws because the
     * other end closed the channel without a cause.
     */
    CLEAR,
    /**
     * Close the endpoint when the scope ends, however it ends, except when the scope finds the
     * endpoint in use by another thread (its channel is not the scope's to close).
     */
    CLOSE
}
