package dev.channels;

/**
 * A channel: a pair of connected endpoints. A value sent into one endpoint is returned by the
 * pending call at the other endpoint, and the other way round.
 *
 * <pre>{@code
 * Channel<String, Integer> ch = Channels.create();
 * Endpoint<String, Integer> first  = ch.first();   // receives String, sends Integer
 * Endpoint<Integer, String> second = ch.second();  // receives Integer, sends String
 * }</pre>
 *
 * <p>The first endpoint always starts by receiving; see {@link Endpoint} for the protocol. Closing
 * either endpoint closes the channel.
 *
 * @param <A> the type of the values the first endpoint receives (and the second sends)
 * @param <B> the type of the values the first endpoint sends (and the second receives)
 */
public final class Channel<A, B> {
    private final ExchangeEndpoint<A, B> first;
    private final ExchangeEndpoint<B, A> second;

    Channel(WaitStrategy strategy) {
        Exchange exchange = new Exchange(strategy);
        this.first = new ExchangeEndpoint<>(exchange, true);
        this.second = new ExchangeEndpoint<>(exchange, false);
    }

    /**
     * Returns the first endpoint, which starts by receiving.
     *
     * @return the first endpoint: receives {@code A}, sends {@code B}
     */
    public Endpoint<A, B> first() {
        return first;
    }

    /**
     * Returns the second endpoint, which waits for the first to start.
     *
     * @return the second endpoint: receives {@code B}, sends {@code A}
     */
    public Endpoint<B, A> second() {
        return second;
    }

    @Override
    public String toString() {
        return "Channel@" + Integer.toHexString(System.identityHashCode(this)) + "[" + first.exchange + "]";
    }
}
