package dev.channels.bench.contenders;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;

/**
 * Our channel: one {@code send} on the second endpoint is one round trip. The partner holds the
 * first endpoint and answers each request with its {@link Token#next()}, optionally after a
 * delay of busy work (the wait-strategy benchmark).
 */
final class ChannelRoundTrip extends PingPong {
    private final String name;
    private final Endpoint<Object, Object> partner;
    private final Endpoint<Object, Object> driver;
    private final long delayNanos;

    ChannelRoundTrip(String name, WaitStrategy strategy, long delayNanos) {
        Channel<Object, Object> ch = Channels.create(strategy);
        this.name = name;
        this.partner = ch.first();
        this.driver = ch.second();
        this.delayNanos = delayNanos;
    }

    @Override
    protected Object roundTrip(Token request) throws InterruptedException {
        return driver.send(request);
    }

    @Override
    public void serve() throws InterruptedException {
        final Endpoint<Object, Object> e = partner;
        final long delay = delayNanos;
        final int work = work();
        // The first call sends the start signal; after a pause (an interrupt once the reply was
        // taken: a reply is pending), receive() waits for the next request. Either way it resumes.
        Object request = e.receive();
        for (;;) {
            if (delay > 0) {
                Spin.busyWork(delay);
            }
            doWork(work);
            request = e.send(((Token) request).next());
        }
    }

    @Override
    protected boolean servesWithWork() {
        return true;
    }

    @Override
    public void close() {
        partner.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
