package dev.channels.batch;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An iterator over {@code n} consecutive integers for {@code sendAll(Iterator)} that records which
 * threads call it and how many items were pulled, and can fail or block at a chosen item.
 */
final class Source implements Iterator<Integer> {
    private static final Duration BLOCK_LIMIT = Duration.ofSeconds(20);

    private final int from;
    private final int n;
    private final AtomicInteger pulled = new AtomicInteger();
    private final AtomicInteger hasNextCalls = new AtomicInteger();
    private final Set<Thread> callers = ConcurrentHashMap.newKeySet();

    private int failAt = -1;
    private boolean failInHasNext;
    private Throwable failure;

    private int blockAt = -1;
    private boolean blockInHasNext;
    private CountDownLatch insideNext;
    private CountDownLatch releaseNext;

    Source(int from, int n) {
        this.from = from;
        this.n = n;
    }

    /** Makes {@code next()} (or {@code hasNext()}) for item {@code index} throw {@code t}. */
    Source failingAt(int index, boolean inHasNext, Throwable t) {
        this.failAt = index;
        this.failInHasNext = inHasNext;
        this.failure = t;
        return this;
    }

    /**
     * Makes {@code next()} for item {@code index} count {@code inside} down, then wait for
     * {@code release} before returning the item.
     */
    Source blockingAt(int index, CountDownLatch inside, CountDownLatch release) {
        this.blockAt = index;
        this.insideNext = inside;
        this.releaseNext = release;
        return this;
    }

    /** Like {@link #blockingAt}, but in {@code hasNext()} when item {@code index} is next. */
    Source blockingInHasNextAt(int index, CountDownLatch inside, CountDownLatch release) {
        blockingAt(index, inside, release);
        this.blockInHasNext = true;
        return this;
    }

    /** How many items {@code next()} returned. */
    int pulled() {
        return pulled.get();
    }

    int hasNextCalls() {
        return hasNextCalls.get();
    }

    /** Every thread that called {@code hasNext()} or {@code next()}. */
    Set<Thread> callers() {
        return Set.copyOf(callers);
    }

    @Override
    public boolean hasNext() {
        callers.add(Thread.currentThread());
        hasNextCalls.incrementAndGet();
        int i = pulled.get();
        if (failInHasNext && i == failAt) {
            throw Source.<RuntimeException>sneaky(failure);
        }
        if (blockInHasNext && i == blockAt) {
            block();
        }
        return i < n;
    }

    @Override
    public Integer next() {
        callers.add(Thread.currentThread());
        int i = pulled.get();
        if (i >= n) {
            throw new NoSuchElementException();
        }
        if (!failInHasNext && i == failAt) {
            throw Source.<RuntimeException>sneaky(failure);
        }
        if (!blockInHasNext && i == blockAt) {
            block();
        }
        pulled.incrementAndGet();
        return from + i;
    }

    private void block() {
        insideNext.countDown();
        try {
            if (!releaseNext.await(BLOCK_LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("the iterator was not released within " + BLOCK_LIMIT);
            }
        } catch (InterruptedException e) {
            throw new AssertionError("the receiving thread was interrupted inside the iterator", e);
        }
    }

    /** Throws any throwable, checked ones included, from an iterator method. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
