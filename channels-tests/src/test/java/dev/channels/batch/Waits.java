package dev.channels.batch;

import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bounded waits for the batch tests; none of them sleeps. */
final class Waits {
    private Waits() {
    }

    /** Waits for {@code latch}; fails after {@link Peer#JOIN_TIMEOUT}. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(Peer.JOIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("latch not released within " + Peer.JOIN_TIMEOUT);
        }
    }

    /**
     * Waits until {@code t} waits for the receiving thread to leave the iterator of its batch (the
     * wait that an interrupt or close of an iterator batch makes). White-box: it looks for the
     * method that does this wait on the thread's stack, as {@link Probe} does for the others.
     */
    static void awaitWaitingForIterator(Thread t) {
        long deadline = System.nanoTime() + Peer.JOIN_TIMEOUT.toNanos();
        for (;;) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().equals("dev.channels.EndpointWaits") && e.getMethodName().equals("freezeOwnBatch")
                        && t.getState() != Thread.State.RUNNABLE) {
                    return;
                }
            }
            if (!t.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError(t.getName() + " does not wait for the iterator to be left; it is at:\n"
                        + Probe.stackOf(t));
            }
            Thread.yield();
        }
    }
}
