package dev.channels.bench.contenders;

import dev.channels.bench.rig.PaddedLong;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;
import dev.channels.bench.rig.Workload;

/**
 * A one-way stream, item by item: the driver sends tokens in order, the partner receives them and
 * checks each against the next expected token. One operation is one item. The partner publishes
 * how many it consumed (a release store per item, on a line of its own); at the end of each
 * {@link #drive} call the driver waits until all it sent was consumed, so that a buffered
 * contender cannot count items still sitting in its buffer.
 */
abstract class StreamWorkload implements Workload {
    /** Items consumed; written by the partner only. */
    private final PaddedLong consumed = new PaddedLong(0L);
    /** Items sent; driver only. */
    private long produced;

    /**
     * Driver: hands one item over.
     *
     * @param item the item
     * @throws InterruptedException if interrupted
     */
    protected abstract void send(Token item) throws InterruptedException;

    /**
     * Partner: takes the next item.
     *
     * @return the item
     * @throws InterruptedException when paused
     */
    protected abstract Object receive() throws InterruptedException;

    @Override
    public final void drive(int n) throws InterruptedException {
        long p = produced;
        for (int i = 0; i < n; i++, p++) {
            send(Token.at((int) p));
        }
        produced = p;
        awaitConsumed(consumed, p);
    }

    @Override
    public final void serve() throws InterruptedException {
        final PaddedLong done = consumed;
        long c = done.get();
        for (;;) {
            Object item = receive();
            if (item != Token.at((int) c)) {
                throw new IllegalStateException(this + ": item " + c + " is " + item + ", not " + Token.at((int) c));
            }
            done.setRelease(++c); // release: publishes the count; the driver reads it at the end of a block
        }
    }

    /** Driver: waits until the partner has consumed {@code target} items. */
    static void awaitConsumed(PaddedLong consumed, long target) {
        int attempt = 0;
        while (consumed.getAcquire() < target) {
            Spin.idleOrFail(attempt++);
        }
    }
}
