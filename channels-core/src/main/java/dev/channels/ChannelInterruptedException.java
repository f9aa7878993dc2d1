package dev.channels;

/**
 * Thrown by an endpoint's {@link Endpoint#iterator() iterator} or {@link Endpoint#stream() stream}
 * when the iterating thread is interrupted while it waits: iteration cannot throw the checked
 * {@link InterruptedException}, so it throws this unchecked wrapper instead.
 *
 * <p>The thread's interrupt status is set again before this is thrown, so code further up still
 * sees the interrupt. The channel is intact, and iteration can be resumed (after clearing the
 * status with {@link Thread#interrupted()}): no value was lost. If the interrupted step had already
 * asked the other end for a value, the endpoint has a {@linkplain Endpoint#isReplyPending() reply
 * pending}, and the next step waits for that value instead of asking again.
 *
 * <pre>{@code
 * try {
 *     for (String line : lines) process(line);
 * } catch (ChannelInterruptedException e) {
 *     // cancelled: the interrupt status is set, the InterruptedException is the cause
 * }
 * }</pre>
 */
public final class ChannelInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChannelInterruptedException(InterruptedException cause) {
        super("interrupted while waiting for the other end of the channel", cause);
    }

    /**
     * Returns the {@link InterruptedException} that the wait threw.
     *
     * @return the cause
     */
    @Override
    public InterruptedException getCause() {
        return (InterruptedException) super.getCause();
    }
}
