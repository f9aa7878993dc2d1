package dev.channels;

import java.util.Objects;

/**
 * Creates channels: the place to start.
 *
 * <pre>{@code
 * Channel<String, Void> a = Channels.create();                            // spin, then park
 * Channel<String, Void> b = Channels.create(WaitStrategy.busySpin());     // dedicated cores
 *
 * Endpoint<Void, String> producer = a.second();   // the side that sends first holds second()
 * Endpoint<String, Void> consumer = a.first();    // first() starts by receiving
 * }</pre>
 *
 * <p>A {@code Channel<A, B>} has a {@linkplain Channel#first() first} endpoint that receives
 * {@code A} and sends {@code B}, and a {@linkplain Channel#second() second} endpoint the other way
 * round. The first endpoint always starts by receiving, so give {@code second()} to the side that
 * sends first (a producer, a client) and {@code first()} to the side that waits for that value (a
 * consumer, a server).
 */
public final class Channels {
    private Channels() {
    }

    /**
     * Creates a channel that waits with {@link WaitStrategy#spinThenPark()}. Its
     * {@link Channel#second() second()} endpoint is for the side that sends first; its
     * {@link Channel#first() first()} endpoint starts by receiving.
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
