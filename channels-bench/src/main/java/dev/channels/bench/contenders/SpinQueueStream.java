package dev.channels.bench.contenders;

import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;
import java.util.Queue;

/**
 * A single-producer single-consumer queue (JCTools or Agrona, capacity
 * {@value Streams#SPSC_CAPACITY}), one item per call: {@code offer}, spinning while it is full,
 * and {@code poll}, spinning while it is empty.
 */
final class SpinQueueStream extends StreamWorkload {
    private final String name;
    private final Queue<Object> queue;

    SpinQueueStream(String name, Queue<Object> queue) {
        this.name = name;
        this.queue = queue;
    }

    @Override
    protected void send(Token item) {
        final Queue<Object> q = queue;
        int attempt = 0;
        while (!q.offer(item)) {
            Spin.idleOrFail(attempt++);
        }
    }

    @Override
    protected Object receive() throws InterruptedException {
        final Queue<Object> q = queue;
        Object item;
        int attempt = 0;
        while ((item = q.poll()) == null) {
            Spin.idleInterruptibly(attempt++);
        }
        return item;
    }

    @Override
    public String toString() {
        return name;
    }
}
