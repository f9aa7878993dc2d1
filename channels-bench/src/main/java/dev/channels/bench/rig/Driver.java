package dev.channels.bench.rig;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the measuring side of a benchmark on a thread of the benchmark's kind. JMH calls the
 * benchmark on a platform thread: for {@link ThreadKind#PLATFORM} the driver is that thread
 * itself; for {@link ThreadKind#VIRTUAL} each task is handed to one long-lived virtual thread,
 * and the JMH thread parks until it is done. The rig times its work inside the task, so the
 * hand-off between the JMH thread and the virtual driver is not part of any figure the rig
 * reports (it is part of JMH's own primary score for virtual threads).
 */
abstract sealed class Driver permits Driver.Inline, Driver.OnVirtualThread {

    static Driver of(ThreadKind kind) {
        return kind == ThreadKind.PLATFORM ? new Inline() : new OnVirtualThread();
    }

    /**
     * Runs {@code task} on the driver thread and returns when it is done, rethrowing what it threw.
     */
    abstract void run(Runnable task);

    /** The thread that runs the tasks now (to interrupt it when the partner fails). */
    abstract Thread thread();

    /** Ends the driver thread, if any. */
    abstract void close();

    /** Wall time the driver thread spent spinning between tasks (CPU that is not the benchmark's). */
    abstract long idleSpinNanos();

    /** Platform threads: the JMH worker thread is the driver. */
    static final class Inline extends Driver {
        private volatile Thread current;

        @Override
        void run(Runnable task) {
            current = Thread.currentThread();
            task.run();
        }

        @Override
        Thread thread() {
            return current;
        }

        @Override
        void close() {
        }

        @Override
        long idleSpinNanos() {
            return 0L;
        }
    }

    /**
     * Virtual threads: one virtual thread runs every task. Between tasks it spins (without
     * parking, which would allocate) for {@link #SPIN_NANOS}, long enough to bridge JMH's gap
     * between two invocations, then parks. The caller always parks: a spinning caller would take
     * one of the two cores from the virtual threads it waits for.
     */
    static final class OnVirtualThread extends Driver {
        private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
        private static final Runnable CLOSE = () -> { };

        private final Thread thread;
        private volatile Runnable task;
        private volatile Thread caller;
        private volatile Throwable failure;
        private volatile long idleSpinNanos;

        OnVirtualThread() {
            thread = ThreadKind.VIRTUAL.start("driver", this::loop);
        }

        @Override
        void run(Runnable t) {
            caller = Thread.currentThread();
            failure = null;
            task = t; // volatile: publishes the task and the fields it reads
            LockSupport.unpark(thread);
            while (task != null) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    // JMH's timeout interrupts its worker: pass it on, so that a stuck driver fails
                    thread.interrupt();
                }
            }
            Throwable f = failure;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException(f);
            }
        }

        @Override
        Thread thread() {
            return thread;
        }

        @Override
        void close() {
            run(CLOSE);
        }

        @Override
        long idleSpinNanos() {
            return idleSpinNanos;
        }

        private void loop() {
            for (;;) {
                Runnable t = awaitTask();
                try {
                    t.run();
                } catch (Throwable e) {
                    failure = e;
                }
                task = null; // volatile: publishes the results and the failure
                LockSupport.unpark(caller);
                if (t == CLOSE) {
                    return;
                }
            }
        }

        private Runnable awaitTask() {
            Runnable t;
            long start = System.nanoTime();
            int attempt = 0;
            long spun = -1L;
            while ((t = task) == null) {
                if (spun >= 0L) {
                    LockSupport.park(this); // the caller always unparks after posting a task
                } else if ((++attempt & 63) == 0 && System.nanoTime() - start > SPIN_NANOS) {
                    spun = System.nanoTime() - start;
                } else {
                    Thread.onSpinWait();
                }
            }
            // plain increment of a field only this thread writes; the caller reads it after a run
            idleSpinNanos += spun >= 0L ? spun : System.nanoTime() - start;
            return t;
        }
    }
}
