package dev.channels.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A subscriber that records its signals and requests only when the test says so. It fails the
 * test (through {@link #assertNoViolation()}) if signals overlap or arrive in an illegal order.
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    private static final long WAIT_SECONDS = 20;

    final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    final BlockingQueue<T> items = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> terminal = new CompletableFuture<>(); // null: onComplete
    private final List<String> violations = new ArrayList<>();
    private volatile boolean inSignal;
    private volatile int signals;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        enter("onSubscribe");
        if (!subscription.complete(s)) {
            violation("second onSubscribe");
        }
        leave();
    }

    @Override
    public void onNext(T item) {
        enter("onNext");
        if (!subscription.isDone() || terminal.isDone()) {
            violation("onNext out of order: " + item);
        }
        items.add(item);
        leave();
    }

    @Override
    public void onError(Throwable t) {
        enter("onError");
        if (!subscription.isDone() || !terminal.complete(t)) {
            violation("onError out of order: " + t);
        }
        leave();
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        if (!subscription.isDone() || !terminal.complete(null)) {
            violation("onComplete out of order");
        }
        leave();
    }

    private void enter(String signal) {
        if (inSignal) {
            violation("overlapping signal " + signal);
        }
        inSignal = true;
        signals++;
    }

    private void leave() {
        inSignal = false;
    }

    private synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized void assertNoViolation() {
        assertEquals(List.of(), violations);
    }

    Flow.Subscription subscription() throws Exception {
        return subscription.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void request(long n) throws Exception {
        subscription().request(n);
    }

    void cancel() throws Exception {
        subscription().cancel();
    }

    /** The next item; fails after a generous wait. */
    T next() throws InterruptedException {
        T t = items.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(t, "no item arrived");
        return t;
    }

    List<T> next(int n) throws InterruptedException {
        List<T> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(next());
        }
        return got;
    }

    /** Waits for onComplete; fails on onError. */
    void awaitComplete() throws Exception {
        Throwable t = awaitTerminal();
        if (t != null) {
            throw new AssertionError("onError instead of onComplete", t);
        }
    }

    /** Waits for onError and returns its throwable; fails on onComplete. */
    Throwable awaitError() throws Exception {
        Throwable t = awaitTerminal();
        if (t == null) {
            fail("onComplete instead of onError");
        }
        return t;
    }

    private Throwable awaitTerminal() throws Exception {
        try {
            return terminal.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no terminal signal; items: " + items, e);
        }
    }
}
