package dev.channels;

/**
 * A channel: a pair of connected endpoints. A value sent into one endpoint is returned by the
 * pending call at the other endpoint, and the other way round.
 *
 * <p><b>Which end to take.</b> The first endpoint always starts by receiving, so the side that
 * sends first (a producer, a client that asks the first question) holds {@link #second()}, and
 * the side that waits for that value (a consumer, a server) holds {@link #first()}. A producer put
 * on {@code first()} gets an {@link IllegalStateException} at its first {@code send}.
 *
 * <pre>{@code
 * Channel<String, Void> ch = Channels.create();
 * Endpoint<Void, String> producer = ch.second();   // sends String first; receives Void
 * Endpoint<String, Void> consumer = ch.first();    // starts by receiving String; sends Void
 *
 * Channel<String, Integer> rpc = Channels.create();
 * Endpoint<Integer, String> client = rpc.second(); // asks with a String, gets an Integer back
 * Endpoint<String, Integer> server = rpc.first();  // waits for a String, answers with an Integer
 * }</pre>
 *
 * <p>See {@link Endpoint} for the protocol. Closing either endpoint closes the channel.
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
     * Returns the first endpoint, which starts by receiving: the end for the side that waits for
     * the other's first value (a consumer, a server). Its first call is {@code receive()} (or
     * {@code send(null)}, or {@link Endpoint#start() start()}); a first {@code send} of a non-null
     * value is an {@link IllegalStateException}.
     *
     * @return the first endpoint: receives {@code A}, sends {@code B}
     */
    public Endpoint<A, B> first() {
        return first;
    }

    /**
     * Returns the second endpoint: the end for the side that sends first (a producer, a client).
     * Its first {@code send} waits until the first endpoint has started, then hands its value over.
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
