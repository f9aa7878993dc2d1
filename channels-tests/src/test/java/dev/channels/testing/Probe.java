package dev.channels.testing;

import dev.channels.Endpoint;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Observes where another thread is, so that a test can act once its peer is blocked inside a
 * channel call (STYLE: "assert the peer is blocked before acting"). Works for every wait
 * strategy, spinning ones included: it looks for the channel's wait loop on the thread's stack.
 */
public final class Probe {
    private Probe() {
    }

    /** The channel's internal wait methods (spin loop and park). */
    private static final String CORE = "dev.channels.EndpointWaits";

    /**
     * True if {@code t} is inside the channel's wait loop (spinning or parked). A thread parked by
     * the channel is recognized by its park blocker (an endpoint), whatever the internal method
     * names; a spinning one by the wait methods on its stack.
     */
    public static boolean isWaitingInChannel(Thread t) {
        if (LockSupport.getBlocker(t) instanceof Endpoint<?, ?>) {
            return true;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(CORE)
                    && (e.getMethodName().equals("await") || e.getMethodName().equals("park")
                            || e.getMethodName().equals("freezeOwnBatch"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until {@code t} is waiting inside a channel call; fails after {@code timeout}. Uses
     * {@link Thread#onSpinWait()} and {@link Thread#yield()} between looks, never a sleep.
     */
    public static void awaitWaitingInChannel(Thread t, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isWaitingInChannel(t)) {
            if (!t.isAlive()) {
                throw new AssertionError(t.getName() + " ended before it waited in the channel");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(t.getName() + " did not wait in the channel within " + timeout
                        + "; it is at:\n" + stackOf(t));
            }
            Thread.yield();
        }
    }

    public static void awaitWaitingInChannel(Thread t) {
        awaitWaitingInChannel(t, Peer.JOIN_TIMEOUT);
    }

    /** A printable stack of {@code t}. */
    public static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("    at ").append(e).append('\n');
        }
        return sb.toString();
    }
}
