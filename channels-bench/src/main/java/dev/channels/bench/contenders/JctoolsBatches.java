package dev.channels.bench.contenders;

import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * JCTools {@code SpscArrayQueue} (capacity {@value Batches#SPSC_CAPACITY}) in batches: the driver
 * {@code fill}s up to {@code batch} items at a time, the partner {@code drain}s up to
 * {@code batch} at a time; both busy-spin when there is nothing to do.
 */
final class JctoolsBatches extends BatchWorkload {
    private final SpscArrayQueue<Object> queue = new SpscArrayQueue<>(Batches.SPSC_CAPACITY);
    private final Source source = new Source();
    private final Sink sink = new Sink();

    JctoolsBatches(int batch) {
        super(batch);
    }

    @Override
    protected void sendBatches(long from, int n) {
        final SpscArrayQueue<Object> q = queue;
        final Source s = source;
        final int b = batch;
        s.next = from;
        int left = n;
        int attempt = 0;
        while (left > 0) {
            int k = q.fill(s, Math.min(b, left));
            if (k == 0) {
                Spin.idleOrFail(attempt++);
            } else {
                left -= k;
                attempt = 0;
            }
        }
    }

    @Override
    protected int receiveBatch(long from) throws InterruptedException {
        final SpscArrayQueue<Object> q = queue;
        final Sink s = sink;
        s.next = from;
        int attempt = 0;
        int k;
        while ((k = q.drain(s, batch)) == 0) {
            Spin.idleInterruptibly(attempt++);
        }
        return k;
    }

    @Override
    public String toString() {
        return "jctools, batch " + batch;
    }

    /** Supplies the tokens in order; driver only. */
    private static final class Source implements MessagePassingQueue.Supplier<Object> {
        long next;

        @Override
        public Object get() {
            return Token.at((int) next++);
        }
    }

    /** Checks the tokens in order; partner only. */
    private final class Sink implements MessagePassingQueue.Consumer<Object> {
        long next;

        @Override
        public void accept(Object item) {
            check(item, next++);
        }
    }
}
