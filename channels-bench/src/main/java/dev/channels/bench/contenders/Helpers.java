package dev.channels.bench.contenders;

import dev.channels.bench.rig.ThreadKind;
import dev.channels.bench.rig.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload with more than the rig's two threads (fan-in, a server with several clients, a
 * worker pool): the rig runs the driver (the selecting side, which the rig times) and the partner
 * (one producer, client or worker, which the rig pauses for the floor); this class runs the other
 * producers, clients or workers on <em>helper</em> threads of the same kind, which the rig does
 * not pause: while the driver measures the floor they wait on their contender (parked, once their
 * spin is over).
 *
 * <p>A helper runs until interrupted. {@link #close()} interrupts every helper, waits for each to
 * end (failing if one does not within {@value #JOIN_SECONDS} s, so that a stuck contender fails
 * the trial instead of blocking JMH's shutdown), then lets the contender close its channels. A
 * helper that fails interrupts the driver, whose {@link #drive} then throws with the helper's
 * failure as the cause.
 */
abstract class Helpers implements Workload {
    static final long JOIN_SECONDS = 10;

    /** A helper's body: runs until interrupted. */
    @FunctionalInterface
    interface Body {
        void run() throws InterruptedException;
    }

    private final ThreadKind kind;
    private final List<Thread> helpers = new ArrayList<>();
    private volatile Thread driverThread;
    private volatile Throwable failure;
    private volatile boolean closing;

    Helpers(ThreadKind kind) {
        this.kind = kind;
    }

    /** Starts a helper thread of this workload's kind; call once the contender is set up. */
    final void startHelper(String name, Body body) {
        helpers.add(kind.start(this + " " + name, () -> {
            try {
                body.run();
                fail(new IllegalStateException(name + " returned without an interrupt"));
            } catch (InterruptedException stop) {
                if (!closing) {
                    fail(new IllegalStateException(name + " was interrupted before the end", stop));
                }
            } catch (Throwable t) {
                if (!closing) {
                    fail(t);
                }
            }
        }));
    }

    private void fail(Throwable t) {
        failure = t;
        Thread d = driverThread;
        if (d != null) {
            d.interrupt();
        }
    }

    /**
     * Driver side, as {@link Workload#drive}.
     *
     * @param n how many operations
     * @throws InterruptedException if interrupted
     */
    abstract void run(int n) throws InterruptedException;

    /** Closes the contender's channels (after the helpers ended). */
    abstract void closeContender();

    @Override
    public final void drive(int n) throws InterruptedException {
        driverThread = Thread.currentThread();
        try {
            run(n);
        } catch (InterruptedException e) {
            check();
            throw e;
        }
        check();
    }

    private void check() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException(this + ": a helper thread failed", f);
        }
    }

    /** The helper threads (for tests). */
    final List<Thread> helpers() {
        return helpers;
    }

    @Override
    public final void close() {
        closing = true;
        for (Thread t : helpers) {
            t.interrupt();
        }
        try {
            for (Thread t : helpers) {
                if (!t.join(Duration.ofSeconds(JOIN_SECONDS))) {
                    throw new IllegalStateException(this + ": helper " + t + " did not stop within " + JOIN_SECONDS
                            + " s of its interrupt");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the helpers of " + this, e);
        } finally {
            closeContender();
        }
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException(this + ": a helper thread failed", f);
        }
    }
}
