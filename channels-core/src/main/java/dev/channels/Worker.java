package dev.channels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of an adaptor's body on an {@link Executor}: the thread that {@link Generator},
 * {@link Sink} and the {@link Flows} publishers own. It starts at most once, can be skipped while
 * it has not begun, and lets its owner wait for its end and, as a last resort, interrupt it.
 *
 * <p>The run is wrapped in a {@link FutureTask} only for {@link FutureTask#cancel(boolean)
 * cancel(true)}: it interrupts the running thread and no other, even when the executor is a pool
 * whose thread moves on to another task. The end is tracked by a latch counted down by the body's
 * own {@code finally}, because a cancelled {@code FutureTask} reports "done" while its thread still
 * runs.
 */
final class Worker {
    /** Claimed by whichever comes first: the run (it will execute the body) or skip (it never will). */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean submitted = new AtomicBoolean();
    /** Counted down once the body has returned, or once the run was skipped. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private final FutureTask<Void> task;
    /** Runs instead of the body when {@link #skip()} wins. */
    private final Runnable onSkip;
    /** Runs on the body's thread once the body has ended (after the latch); null for none. */
    private volatile Runnable afterEnd;
    /** The thread running the body, while it runs. */
    private volatile Thread runner;
    /** Set before this worker interrupts the body, so the body can tell that interrupt was ours. */
    private volatile boolean interruptedByOwner;

    Worker(Runnable body, Runnable onSkip) {
        this.onSkip = onSkip;
        this.task = new FutureTask<>(() -> {
            if (claimed.compareAndSet(false, true)) {
                runner = Thread.currentThread();
                try {
                    body.run();
                } finally {
                    runner = null;
                    ended.countDown(); // happens-before the return of a successful await
                    Runnable hook = afterEnd;
                    if (hook != null) {
                        hook.run();
                    }
                }
            }
        }, null);
    }

    /**
     * Sets code to run on the body's thread right after the body has ended, when
     * {@link #isEnded()} is already true; call it before {@link #start}.
     */
    void afterEnd(Runnable hook) {
        afterEnd = hook;
    }

    /**
     * Hands the run to {@code executor}, once; later calls do nothing.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses it; the
     *         worker then counts as ended
     */
    void start(Executor executor) {
        if (submitted.compareAndSet(false, true)) {
            try {
                executor.execute(task);
            } catch (RuntimeException | Error e) {
                skip();
                throw e;
            }
        }
    }

    /** Makes sure a body that has not begun never runs. Returns true if it had not begun. */
    boolean skip() {
        if (claimed.compareAndSet(false, true)) {
            try {
                onSkip.run();
            } finally {
                ended.countDown();
            }
            return true;
        }
        return false;
    }

    boolean isEnded() {
        return ended.getCount() == 0;
    }

    /** Whether the body's interrupt (if any) came from {@link #awaitEnd}. */
    boolean interruptedByOwner() {
        return interruptedByOwner;
    }

    /**
     * Waits up to {@code nanos} for the body to end. If it is still running then, or if the
     * calling thread is interrupted while it waits, interrupts the body and returns at once (the
     * caller's interrupt status is set again). A body that has not begun by then (the executor
     * has not got round to it) is skipped instead. Called by the body itself (a body that closes
     * its own generator), returns false at once rather than wait for itself.
     *
     * @return true if the body has ended (or never ran)
     */
    boolean awaitEnd(long nanos) {
        if (Thread.currentThread() == runner) {
            return false;
        }
        try {
            if (ended.await(nanos, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (skip()) {
            return true;
        }
        interruptedByOwner = true;
        task.cancel(true); // interrupts the thread running the body, if it is still there
        return isEnded();
    }
}
