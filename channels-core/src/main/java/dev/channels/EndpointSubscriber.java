package dev.channels;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The subscriber made by {@link Flows#subscriber(Endpoint)}: sends each item into an endpoint,
 * one at a time, requesting the next when the send returns.
 */
final class EndpointSubscriber<T> implements Flow.Subscriber<T>, Runnable {

    /*
     * Overview
     * ========
     *
     * The publisher's signals only record: onNext puts the item in a one-item mailbox, onComplete
     * and onError set the terminal fields; then each schedules a drain with the work-in-progress
     * counter (see ChannelSubscription). The drain runs on an executor thread, one at a time, and
     * is the only code that touches the endpoint: it sends the item (blocking until the other end
     * takes it and asks for more), then requests one more. So the publisher's thread never blocks
     * on the channel (rule 2.2), and no thread exists while no item is in flight: there is no
     * idle thread to leak if the publisher never signals again.
     *
     * One item of demand at a time means the mailbox holds at most one item. A publisher that
     * sends more than requested breaks rule 1.1; the drain then cancels it and closes the
     * endpoint with an IllegalStateException.
     *
     * Order: the drain reads the terminal flag before the mailbox, so an item that arrived before
     * onComplete is sent before the endpoint is closed.
     *
     * The other end closing the channel is noticed by the next send, which throws
     * ChannelClosedException: the drain cancels the subscription then. With no item in flight
     * nothing watches the channel, so the publisher may produce one more item, which is dropped.
     */

    private final Executor executor;
    private final Endpoint<?, ? super T> out;
    private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
    private final AtomicReference<T> mailbox = new AtomicReference<>();
    private final AtomicInteger wip = new AtomicInteger();
    /** Set by onComplete or onError (with `error`), written before `terminated`. */
    private volatile boolean terminated;
    private volatile Throwable error;
    /** The publisher sent an item while one was in the mailbox: rule 1.1 broken. */
    private volatile boolean overflow;
    /** No more items are wanted: the endpoint is closed or the subscription cancelled. */
    private volatile boolean stopped;

    EndpointSubscriber(Executor executor, Endpoint<?, ? super T> out) {
        this.executor = executor;
        this.out = out;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription"); // rule 2.13
        if (!upstream.compareAndSet(null, subscription)) {
            subscription.cancel(); // rule 2.5: one subscription only
            return;
        }
        if (out.isClosed()) {
            stopped = true;
            subscription.cancel(); // nobody will receive
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "item"); // rule 2.13
        if (stopped) {
            return; // rule 2.8: items after a cancel are dropped
        }
        if (!mailbox.compareAndSet(null, item)) {
            overflow = true;
        }
        schedule();
    }

    @Override
    public void onError(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable"); // rule 2.13
        error = throwable;
        terminated = true;
        schedule();
    }

    @Override
    public void onComplete() {
        terminated = true;
        schedule();
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                executor.execute(this);
            } catch (RuntimeException e) { // typically RejectedExecutionException
                stop(e, !terminated); // the counter stays up: no drain will run again
            }
        }
    }

    @Override
    public void run() {
        int missed = 1;
        do {
            drain();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        while (!stopped) {
            boolean end = terminated; // before the mailbox: see the overview
            T item = mailbox.getAndSet(null);
            if (item != null) {
                if (overflow) {
                    stop(new IllegalStateException("rule 1.1: the publisher signalled onNext while an item"
                            + " was in flight; only 1 was requested"), !end);
                    return;
                }
                try {
                    out.send(item);
                } catch (ChannelClosedException e) {
                    stop(null, !end); // the other end has gone: stop the publisher
                    return;
                } catch (InterruptedException e) { // the executor is shutting down
                    stop(e, !end);
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | Error e) { // e.g. the endpoint cannot send now
                    stop(e, !end);
                    return;
                }
                if (!terminated) {
                    try {
                        upstream.get().request(1);
                    } catch (RuntimeException | Error e) { // rule 3.16 broken by the publisher
                        stop(e, false);
                        return;
                    }
                }
            } else if (end) {
                stopped = true;
                Throwable e = error;
                if (e == null) {
                    out.close();
                } else {
                    out.close(e);
                }
                return;
            } else {
                return;
            }
        }
    }

    /** Stops: cancels the publisher if asked, and closes the endpoint (with {@code cause} if any). */
    private void stop(Throwable cause, boolean cancelUpstream) {
        stopped = true;
        mailbox.set(null);
        Flow.Subscription s = upstream.get();
        if (cancelUpstream && s != null) {
            s.cancel();
        }
        if (cause == null) {
            out.close();
        } else {
            out.close(cause);
        }
    }

    @Override
    public String toString() {
        return "Flows.subscriber(" + out + ")";
    }
}
