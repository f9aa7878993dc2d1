package dev.channels;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscription of a publisher made by {@link Flows}: receives from a channel only as many
 * values as the subscriber requested, and hands each to {@code onNext}.
 */
final class ChannelSubscription<T> implements Flow.Subscription, Runnable {

    /*
     * Overview
     * ========
     *
     * Every signal to the subscriber comes from drain(), and drain() runs on one thread at a
     * time: the classic work-in-progress counter. schedule() increments `wip`; the call that
     * moves it from 0 submits run() to the executor, and run() drains until it brings `wip` back
     * to 0. So the signals are serialized (rule 1.3), each drain happens-after the requests and
     * cancels that scheduled it, and request() called inside onNext only adds demand: no
     * recursion (rule 3.3). The first drain signals onSubscribe, before anything else (1.9).
     *
     * No thread waits for demand. A drain receives while `requested` > 0 and returns when it is 0;
     * the next request() schedules a new one. A thread exists only while the subscriber has
     * demand (blocked in receive, or inside onNext), so a subscriber that stops requesting holds
     * no thread. The producer on the other side of the channel stays parked in its send: it is
     * one value ahead at most, and computes the next only when a receive asks.
     *
     * Terminal signals need no demand (1.4, 1.5), but finding the end takes a receive. Once the
     * channel is closed, a receive can never take a value (a deposit the close replaced stays its
     * sender's), so a drain also receives when source.isClosed(), without demand. A generator's
     * body that ends (returns, or fails) before any demand closes its channel and, through
     * Generator.onEnd, schedules a drain that finds the close; so a failed generator signals
     * onError without a request (rule 1.4; the TCK's optional 1.4 test needs that). An endpoint
     * source cannot tell us when it is closed: its end is found by the next request.
     *
     * cancel() marks, closes the channel (so a receive blocked in the drain throws at once and the
     * producer's send throws), and schedules a drain that drops the subscriber (3.13) and
     * releases the source: for a generator, waits (bounded) for the body's thread to end. An
     * invalid request (3.9) cancels and signals onError with IllegalArgumentException. An
     * exception thrown by the subscriber (a violation of 2.13) cancels and goes to the
     * uncaught-exception handler. A null value (legal in a channel, not in a Flow) cancels and
     * signals onError with NullPointerException.
     */

    /** Where the values come from, and how to stop it. */
    interface Source<T> {
        /** Called once, by the first drain, after onSubscribe, unless cancelled by then. */
        void open();

        /** Receives the next value; throws ChannelClosedException at the end. */
        T receive() throws InterruptedException;

        /** True once a receive would throw rather than take a value. */
        boolean isClosed();

        /** Closes the channel. Any thread; must not block. */
        void cancel();

        /** Called once by the last drain: waits, bounded, for the producer to end. */
        void release();
    }

    /** What {@link #receiveOne} returns when the subscription ended instead of an item arriving. */
    private static final Object ENDED = new Object();

    private final Source<? extends T> source;
    private final Executor executor;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    /** Set by the last drain: later requests and cancels need no drain. */
    private volatile boolean finished;
    /** The error for the first invalid request (rule 3.9), or null. */
    private volatile IllegalArgumentException invalidRequest;
    /** Why the executor refused a drain; the drain then runs on the caller and signals it. */
    private volatile RuntimeException rejected;

    // Touched by the draining thread only; `wip` carries them from one drain to the next.
    private Flow.Subscriber<? super T> subscriber;
    private boolean subscribed;

    ChannelSubscription(Flow.Subscriber<? super T> subscriber, Source<? extends T> source, Executor executor) {
        this.subscriber = subscriber;
        this.source = source;
        this.executor = executor;
    }

    /** Starts the subscription: its first drain signals onSubscribe. */
    void start() {
        schedule();
    }

    @Override
    public void request(long n) {
        if (cancelled) {
            return; // rule 3.6
        }
        if (n <= 0) {
            if (invalidRequest == null) {
                invalidRequest = new IllegalArgumentException(
                        "rule 3.9: non-positive subscription request " + n + "; request at least 1");
            }
        } else {
            long r;
            long s;
            do {
                r = requested.get();
                s = r + n;
                if (s < 0) {
                    s = Long.MAX_VALUE; // rule 3.17: Long.MAX_VALUE or more means "unbounded"
                }
            } while (r != Long.MAX_VALUE && !requested.compareAndSet(r, s));
        }
        schedule();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            source.cancel();
            schedule();
        }
    }

    /** Called by the source when it closed by itself: a drain finds the end without demand. */
    void sourceEnded() {
        schedule();
    }

    private void schedule() {
        if (finished) {
            return;
        }
        if (wip.getAndIncrement() == 0) {
            try {
                executor.execute(this);
            } catch (RuntimeException e) { // typically RejectedExecutionException
                rejected = e;
                source.cancel();
                run(); // we own the drain: signal the refusal on this thread
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
        if (finished) {
            return;
        }
        Flow.Subscriber<? super T> s = subscriber;
        if (!subscribed && !subscribe(s)) {
            return;
        }
        for (;;) {
            if (stopped()) {
                return;
            }
            if (requested.get() == 0 && !source.isClosed()) {
                return; // no demand: the next request() drains again
            }
            Object item = receiveOne();
            if (item == ENDED) {
                return;
            }
            if (cancelled) {
                quit(); // the value is dropped: nobody wants it
                return;
            }
            if (item == null) { // legal in a channel, not in a Flow (rule 2.13)
                source.cancel();
                terminate(new NullPointerException("the channel delivered null, which a Flow.Publisher cannot emit"
                        + " (rule 2.13); the subscription is cancelled"));
                return;
            }
            try {
                @SuppressWarnings("unchecked")
                T next = (T) item;
                s.onNext(next);
            } catch (Throwable t) {
                subscriberFailed(t);
                return;
            }
            if (requested.get() != Long.MAX_VALUE) {
                requested.decrementAndGet();
            }
        }
    }

    /** The first drain: signals onSubscribe, then opens the source. False if the subscription ended. */
    private boolean subscribe(Flow.Subscriber<? super T> s) {
        subscribed = true;
        try {
            s.onSubscribe(this);
        } catch (Throwable t) {
            subscriberFailed(t);
            return false;
        }
        if (!cancelled && rejected == null) {
            try {
                source.open();
            } catch (RuntimeException | Error e) {
                source.cancel();
                terminate(e);
                return false;
            }
        }
        return true;
    }

    /** Ends the subscription if it was refused, cancelled or given an invalid request; true if it did. */
    private boolean stopped() {
        RuntimeException refusal = rejected;
        if (refusal != null) {
            terminate(refusal);
            return true;
        }
        if (cancelled) {
            quit();
            return true;
        }
        IllegalArgumentException invalid = invalidRequest;
        if (invalid != null) {
            cancelled = true;
            source.cancel();
            terminate(invalid);
            return true;
        }
        return false;
    }

    /** Receives the next item; {@link #ENDED} if the source ended or failed (the subscription is over). */
    private Object receiveOne() {
        try {
            return source.receive();
        } catch (ChannelClosedException e) {
            if (cancelled) {
                quit();
            } else {
                terminate(e.getCause()); // null: the producer ended; else its failure
            }
        } catch (InterruptedException e) { // the executor is shutting down
            source.cancel();
            terminate(e);
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // e.g. the endpoint used by another thread
            source.cancel();
            if (cancelled) {
                quit();
            } else {
                terminate(e);
            }
        }
        return ENDED;
    }

    /** Ends with onComplete (cause null) or onError. */
    private void terminate(Throwable cause) {
        Flow.Subscriber<? super T> s = subscriber;
        quit();
        try {
            if (cause == null) {
                s.onComplete();
            } else {
                s.onError(cause);
            }
        } catch (Throwable t) {
            Adaptors.report(t); // rule 2.13 violated; the subscription is over anyway
        }
    }

    /** Ends without a signal: drops the subscriber (rule 3.13) and releases the source. */
    private void quit() {
        finished = true;
        subscriber = null;
        source.release();
    }

    /** The subscriber threw (rule 2.13): consider the subscription cancelled, and report it. */
    private void subscriberFailed(Throwable t) {
        cancelled = true;
        source.cancel();
        quit();
        Adaptors.report(t);
    }

    @Override
    public String toString() {
        return "ChannelSubscription[requested " + requested.get() + (cancelled ? ", cancelled" : "") + "]";
    }
}
