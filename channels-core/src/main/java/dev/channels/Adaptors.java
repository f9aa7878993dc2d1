package dev.channels;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * What {@link Generator}, {@link Sink} and {@link Flows} share: their default executors, the
 * close timeout, the cleaner, and how they report an exception that nobody can receive.
 */
final class Adaptors {
    private Adaptors() {
    }

    /**
     * How long {@code close()} waits for a body's thread to end before it interrupts the body and
     * returns. A generator's body ends as soon as it next sends, so this only matters for a body
     * that ignores the close or blocks on something else.
     */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    static final Executor GENERATORS = virtualThreads("generator-");
    static final Executor SINKS = virtualThreads("sink-");
    static final Executor PUBLISHERS = virtualThreads("publisher-");
    static final Executor SUBSCRIBERS = virtualThreads("subscriber-");

    /** An executor that starts a new virtual thread per task, named {@code prefix} and a number. */
    private static Executor virtualThreads(String prefix) {
        ThreadFactory factory = Thread.ofVirtual().name(prefix, 0).factory(); // thread-safe, unlike the builder
        return new Executor() {
            @Override
            public void execute(Runnable task) {
                factory.newThread(Objects.requireNonNull(task, "task")).start();
            }

            @Override
            public String toString() {
                return "virtual threads " + prefix + "N";
            }
        };
    }

    /** The cleaner that closes adaptors which become unreachable without being closed. */
    static Cleaner cleaner() {
        return CleanerHolder.CLEANER;
    }

    /** Created on first use: one daemon thread for the library, and only if adaptors are used. */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().name("channels-cleaner").daemon().factory());
    }

    /**
     * Hands {@code failure} to the current thread's uncaught-exception handler, as if it had ended
     * the thread: for exceptions that no caller can receive any more.
     */
    static void report(Throwable failure) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, failure);
    }

    static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return Math.max(0L, timeout.toNanos());
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? 0L : Long.MAX_VALUE;
        }
    }
}
