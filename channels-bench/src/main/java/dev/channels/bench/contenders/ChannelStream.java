package dev.channels.bench.contenders;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.bench.rig.Token;

/**
 * Our channel, one item per call: the driver's {@code send(item)} on the second endpoint returns
 * once the partner took it and asked for the next one ({@code receive()} on the first endpoint).
 */
final class ChannelStream extends StreamWorkload {
    private final String name;
    private final Endpoint<Object, Object> partner;
    private final Endpoint<Object, Object> driver;

    ChannelStream(String name, WaitStrategy strategy) {
        Channel<Object, Object> ch = Channels.create(strategy);
        this.name = name;
        this.partner = ch.first();
        this.driver = ch.second();
    }

    @Override
    protected void send(Token item) throws InterruptedException {
        driver.send(item);
    }

    @Override
    protected Object receive() throws InterruptedException {
        return partner.receive(); // after a pause, a reply is pending: receive() resumes
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
