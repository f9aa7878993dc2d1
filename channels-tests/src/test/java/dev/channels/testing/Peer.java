package dev.channels.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task running on its own thread whose outcome reaches the test: {@link #join()} returns its
 * result or rethrows what it threw (wrapped in an {@link AssertionError} naming the thread), and
 * fails if it does not finish in time instead of hanging.
 *
 * @param <T> the result type
 */
public final class Peer<T> {
    /** Default time a test waits for a peer before failing. */
    public static final Duration JOIN_TIMEOUT = Duration.ofSeconds(20);

    /**
     * How soon a peer woken by a close or an interrupt must finish: generous for a loaded machine,
     * yet far shorter than a hang. A lost wake-up (a peer that never returns) exceeds it.
     */
    public static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** The code a peer runs. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    private final Thread thread;
    private final CompletableFuture<T> outcome;

    private Peer(Thread thread, CompletableFuture<T> outcome) {
        this.thread = thread;
        this.outcome = outcome;
    }

    public static <T> Peer<T> start(Thread.Builder builder, Body<T> body) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread t = builder.unstarted(() -> {
            try {
                outcome.complete(body.run());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        t.start();
        return new Peer<>(t, outcome);
    }

    public Thread thread() {
        return thread;
    }

    public boolean isDone() {
        return outcome.isDone();
    }

    /** Waits for the result; rethrows the peer's failure as an AssertionError with it as cause. */
    public T join() {
        return join(JOIN_TIMEOUT);
    }

    public T join(Duration timeout) {
        try {
            T v = outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            thread.join(timeout); // the thread ends right after completing
            return v;
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not finish within " + timeout
                    + "; it is at:\n" + Probe.stackOf(thread));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining " + thread.getName(), e);
        }
    }

    /** Waits for the peer to fail and returns what it threw; fails if it returns normally. */
    public Throwable failure() {
        return failure(JOIN_TIMEOUT);
    }

    /** Like {@link #failure()}, waiting at most {@code timeout}. */
    public Throwable failure(Duration timeout) {
        try {
            T v = outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            throw new AssertionError(thread.getName() + " returned " + v + " instead of failing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not finish within " + timeout
                    + "; it is at:\n" + Probe.stackOf(thread));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining " + thread.getName(), e);
        }
    }

    /**
     * Waits for the peer to fail with an exception of {@code type} and returns it; fails if it
     * returns normally or throws something else.
     */
    public <X extends Throwable> X failure(Class<X> type) {
        return failure(type, JOIN_TIMEOUT);
    }

    /** Like {@link #failure(Class)}, waiting at most {@code timeout}. */
    public <X extends Throwable> X failure(Class<X> type, Duration timeout) {
        Throwable t = failure(timeout);
        if (!type.isInstance(t)) {
            throw new AssertionError(thread.getName() + " threw " + t + " instead of " + type.getName(), t);
        }
        return type.cast(t);
    }
}
