package dev.channels.bench.contenders;

import com.softwaremill.jox.Channel;
import dev.channels.bench.rig.Token;

/** A jox channel, rendezvous or buffered, one item per call: {@code send} and {@code receive}. */
final class JoxStream extends StreamWorkload {
    private final String name;
    private final Channel<Object> channel;

    JoxStream(String name, Channel<Object> channel) {
        this.name = name;
        this.channel = channel;
    }

    @Override
    protected void send(Token item) throws InterruptedException {
        channel.send(item);
    }

    @Override
    protected Object receive() throws InterruptedException {
        return channel.receive();
    }

    @Override
    public void close() {
        channel.done();
    }

    @Override
    public String toString() {
        return name;
    }
}
