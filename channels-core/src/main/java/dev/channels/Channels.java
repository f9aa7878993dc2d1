package dev.channels;

import java.util.Objects;

/**
 * Creates channels.
 *
 * <pre>{@code
 * Channel<String, Void> a = Channels.create();                            // spin, then park
 * Channel<String, Void> b = Channels.create(WaitStrategy.busySpin());     // dedicated cores
 * }</pre>
 */
public final class Channels {
    private Channels() {
    }

    /**
     * Creates a channel that waits with {@link WaitStrategy#spinThenPark()}.
     *
     * @param <A> the type of the values the first endpoint receives
     * @param <B> the type of the values the first endpoint sends
     * @return a new, open channel
     */
    public static <A, B> Channel<A, B> create() {
        return new Channel<>(WaitStrategy.spinThenPark());
    }

    /**
     * Creates a channel whose endpoints wait with the given strategy.
     *
     * @param <A>      the type of the values the first endpoint receives
     * @param <B>      the type of the values the first endpoint sends
     * @param strategy how a waiting endpoint spins, yields or parks
     * @return a new, open channel
     * @throws NullPointerException if {@code strategy} is null
     */
    public static <A, B> Channel<A, B> create(WaitStrategy strategy) {
        return new Channel<>(Objects.requireNonNull(strategy, "strategy"));
    }
}
