package dev.channels.bench.contenders;

import dev.channels.bench.rig.PaddedLong;
import dev.channels.bench.rig.Token;
import dev.channels.bench.rig.Workload;

/**
 * A one-way stream moved in batches of {@code batch} items. One operation is one item. The driver
 * sends whole batches (the benchmark's items per invocation are a multiple of every batch
 * size); the partner takes up to {@code batch} items at a time and checks every item it takes.
 * As in {@link StreamWorkload}, the driver waits at the end of each {@link #drive} call until all
 * it sent was consumed.
 */
abstract class BatchWorkload implements Workload {
    /** Items consumed; written by the partner only. */
    private final PaddedLong consumed = new PaddedLong(0L);
    /** Items sent; driver only. */
    private long produced;
    /** The batch size. */
    final int batch;

    BatchWorkload(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be positive, not " + batch);
        }
        this.batch = batch;
    }

    /**
     * Driver: sends {@code n} items, a multiple of the batch size, starting with the token at
     * {@code from}.
     *
     * @param from the position of the first token
     * @param n    how many
     * @throws InterruptedException if interrupted
     */
    protected abstract void sendBatches(long from, int n) throws InterruptedException;

    /**
     * Partner: takes up to {@code batch} items, waiting for at least one, and checks them against
     * the tokens from position {@code from}.
     *
     * @param from the position of the next expected token
     * @return how many items were taken
     * @throws InterruptedException when paused
     */
    protected abstract int receiveBatch(long from) throws InterruptedException;

    @Override
    public final int unit() {
        return batch;
    }

    @Override
    public final void drive(int n) throws InterruptedException {
        if (n % batch != 0) {
            throw new IllegalArgumentException(n + " items is not a multiple of the batch size " + batch);
        }
        long p = produced;
        sendBatches(p, n);
        produced = p += n;
        StreamWorkload.awaitConsumed(consumed, p);
    }

    @Override
    public final void serve() throws InterruptedException {
        final PaddedLong done = consumed;
        long c = done.get();
        for (;;) {
            c += receiveBatch(c);
            done.setRelease(c); // release: publishes the count; the driver reads it at the end of a block
        }
    }

    /** Checks that {@code item} is the token at position {@code at}. */
    final void check(Object item, long at) {
        if (item != Token.at((int) at)) {
            throw new IllegalStateException(this + ": item " + at + " is " + item + ", not " + Token.at((int) at));
        }
    }

    /**
     * The source array of a batch: the tokens from position 0, so that batch {@code k} of a
     * sequence that started at a multiple of {@link Token#COUNT} holds the right tokens.
     */
    static Token[] tokens(int n) {
        Token[] a = new Token[n];
        for (int i = 0; i < n; i++) {
            a[i] = Token.at(i);
        }
        return a;
    }
}
