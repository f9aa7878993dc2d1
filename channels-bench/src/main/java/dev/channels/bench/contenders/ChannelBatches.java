package dev.channels.bench.contenders;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.bench.rig.Token;

/**
 * Our channel in batches: {@code sendAll(items, 0, batch)} hands a whole array region over in one
 * exchange; the partner's {@code receiveInto(buffer, 0, batch)} copies it straight out of the
 * sender's array. {@code sendAll} returns once the partner took all items and asked for more.
 */
final class ChannelBatches extends BatchWorkload {
    private final String name;
    private final Endpoint<Object, Object> partner;
    private final Endpoint<Object, Object> driver;
    /**
     * The driver's source array: the tokens from 0, twice as long as the ring of tokens or the
     * batch, so that any batch starts at offset {@code from % Token.COUNT}.
     */
    private final Object[] items;
    private final Object[] buffer;

    ChannelBatches(String name, WaitStrategy strategy, int batch) {
        super(batch);
        Channel<Object, Object> ch = Channels.create(strategy);
        this.name = name;
        this.partner = ch.first();
        this.driver = ch.second();
        this.items = tokens(batch + Token.COUNT);
        this.buffer = new Object[batch];
    }

    @Override
    protected void sendBatches(long from, int n) throws InterruptedException {
        final Endpoint<Object, Object> out = driver;
        final Object[] src = items;
        final int b = batch;
        for (long at = from, end = from + n; at < end; at += b) {
            out.sendAll(src, (int) (at % Token.COUNT), b);
        }
    }

    @Override
    protected int receiveBatch(long from) throws InterruptedException {
        final Object[] buf = buffer;
        int k = partner.receiveInto(buf, 0, batch); // after a pause, resumes waiting
        if (k < 0) {
            throw new IllegalStateException(name + ": channel closed");
        }
        for (int i = 0; i < k; i++) {
            check(buf[i], from + i);
        }
        return k;
    }

    @Override
    public void close() {
        partner.close();
    }

    @Override
    public String toString() {
        return name + ", batch " + batch;
    }
}
