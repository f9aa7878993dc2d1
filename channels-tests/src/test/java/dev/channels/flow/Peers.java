package dev.channels.flow;

import dev.channels.WaitStrategy;
import dev.channels.testing.Config;
import dev.channels.testing.Peer;

/** Starts test peers (the consumer or pusher side) on virtual threads. */
final class Peers {
    private Peers() {
    }

    /** Only its thread kind matters here: the adaptors create their own channels. */
    private static final Config VIRTUAL = new Config("virtual", WaitStrategy.spinThenPark(), true);

    static <T> Peer<T> virtual(String name, Peer.Body<T> body) {
        return VIRTUAL.start(name, body);
    }
}
