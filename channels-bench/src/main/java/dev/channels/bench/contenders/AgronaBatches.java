package dev.channels.bench.contenders;

import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;
import java.util.function.Consumer;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * Agrona {@code OneToOneConcurrentArrayQueue} (capacity {@value Batches#SPSC_CAPACITY}): the
 * driver {@code offer}s item by item (Agrona has no batch offer), the partner {@code drain}s up to
 * {@code batch} at a time; both busy-spin when there is nothing to do.
 */
final class AgronaBatches extends BatchWorkload {
    private final OneToOneConcurrentArrayQueue<Object> queue =
            new OneToOneConcurrentArrayQueue<>(Batches.SPSC_CAPACITY);
    private final Sink sink = new Sink();

    AgronaBatches(int batch) {
        super(batch);
    }

    @Override
    protected void sendBatches(long from, int n) {
        final OneToOneConcurrentArrayQueue<Object> q = queue;
        for (long at = from, end = from + n; at < end; at++) {
            Token item = Token.at((int) at);
            int attempt = 0;
            while (!q.offer(item)) {
                Spin.idleOrFail(attempt++);
            }
        }
    }

    @Override
    protected int receiveBatch(long from) throws InterruptedException {
        final OneToOneConcurrentArrayQueue<Object> q = queue;
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
        return "agrona, batch " + batch;
    }

    /** Checks the tokens in order; partner only. */
    private final class Sink implements Consumer<Object> {
        long next;

        @Override
        public void accept(Object item) {
            check(item, next++);
        }
    }
}
