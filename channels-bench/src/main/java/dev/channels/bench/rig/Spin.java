package dev.channels.bench.rig;

/**
 * The idle step of every hand-written busy-spin loop in the benchmarks (the floor, the JCTools and
 * Agrona pairs, the rig's own waits), so that they all spin alike: {@link Thread#onSpinWait()},
 * and on a virtual thread a {@link Thread#yield()} every 256 steps, which is what
 * {@code WaitStrategy.busySpin()} does too. A yield only happens after 256 idle steps, so it never
 * touches a round trip that completes at spinning speed.
 */
public final class Spin {
    private static final int YIELD_PERIOD = 256;

    private Spin() {
    }

    /**
     * One idle step of a busy-spin wait.
     *
     * @param attempt how many idle steps this wait has taken so far
     */
    public static void idle(int attempt) {
        if ((attempt & (YIELD_PERIOD - 1)) == YIELD_PERIOD - 1 && Thread.currentThread().isVirtual()) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    /**
     * An idle step for the serving side of a benchmark, which the rig pauses by interrupting it:
     * every 64 steps, checks (and clears) the interrupt status.
     *
     * @param attempt how many idle steps this wait has taken so far
     * @throws InterruptedException if the thread was interrupted
     */
    public static void idleInterruptibly(int attempt) throws InterruptedException {
        if ((attempt & 63) == 63 && Thread.interrupted()) {
            throw new InterruptedException();
        }
        idle(attempt);
    }

    /**
     * An idle step for the measuring side: every 1024 steps, checks the interrupt status, which
     * the rig sets when the serving side failed, so that a dead partner fails the benchmark
     * instead of hanging it.
     *
     * @param attempt how many idle steps this wait has taken so far
     */
    public static void idleOrFail(int attempt) {
        if ((attempt & 1023) == 1023 && Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while waiting for the partner thread (did it fail?)");
        }
        idle(attempt);
    }

    /**
     * Busy work: spins, without yielding, until {@code nanos} have passed.
     *
     * @param nanos how long to keep the CPU busy
     */
    public static void busyWork(long nanos) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            Thread.onSpinWait();
        }
    }
}
