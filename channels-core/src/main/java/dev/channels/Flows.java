package dev.channels;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adapters between channels and {@link java.util.concurrent.Flow} (Reactive Streams): publishers
 * that receive from a channel or a {@link Generator} body only as much as their subscriber
 * requested, and a subscriber that sends what it receives into an {@link Endpoint}. They pass the
 * Reactive Streams TCK.
 *
 * <pre>{@code
 * // a cold publisher: every subscriber gets its own run of the body
 * Flow.Publisher<Integer> numbers = Flows.publisher(out -> {
 *     for (int i = 0; i < 5; i++) out.send(i);
 * });
 *
 * // a subscriber that feeds a channel, read with a plain loop at the other end
 * Channel<Integer, Void> ch = Channels.create();
 * numbers.subscribe(Flows.subscriber(ch.second()));
 * for (int n : ch.first()) System.out.println(n);   // 0 1 2 3 4, then onComplete ends the loop
 * }</pre>
 *
 * <h2>Publishers</h2>
 * A subscription receives from its channel on a thread of the executor (by default a new virtual
 * thread) only while the subscriber has unmet demand, and calls {@code onNext} on that thread;
 * no thread waits for demand, and nothing is buffered: the producer is parked in its
 * {@code send} until a request makes the subscription receive. All signals are serialized.
 * <ul>
 * <li>The channel's close without a cause signals {@code onComplete}; a close with a cause (a
 *     body that threw) signals {@code onError} with that cause. The end is found by a receive,
 *     so a producer that ends right after its last value is seen to end at the next request;
 *     a generator's body that ends before any value is signalled at once.</li>
 * <li>{@code cancel()} closes the channel: a generator's body gets {@link ChannelClosedException}
 *     from its pending {@code send}, and the subscription's thread waits for the body's thread to
 *     end (at most 10 seconds, as {@link Generator#close()}) and then ends too.</li>
 * <li>A request of zero or less signals {@code onError} with {@link IllegalArgumentException}
 *     (rule 3.9); demand adds up to {@code Long.MAX_VALUE}, which means unbounded (3.17).</li>
 * <li>A {@code null} value, legal in a channel but not in a {@code Flow} (rule 2.13), cancels the
 *     producer and signals {@code onError} with a {@link NullPointerException}.</li>
 * <li>An exception thrown by the subscriber cancels the subscription and goes to the
 *     uncaught-exception handler of the subscription's thread.</li>
 * </ul>
 *
 * <h2>Subscriber</h2>
 * {@link #subscriber(Endpoint)} requests one item at a time and sends each into the endpoint on a
 * thread of its own (so it never blocks the publisher's thread); it requests the next when the
 * {@code send} returns, which is when the other end of the channel asks for the next value. So
 * the publisher is exactly as far ahead as the channel allows: one item.
 *
 * <p><b>Memory consistency effects:</b> as the Reactive Streams rules require, each signal to a
 * subscriber <i>happens-before</i> the next, and the producer's actions before it sends a value
 * happen-before the {@code onNext} that delivers it; for the subscriber, actions before
 * {@code onNext(item)} happen-before the receipt of {@code item} at the other end of the channel.
 */
public final class Flows {
    private Flows() {
    }

    /**
     * Returns a cold publisher: each subscriber gets a fresh {@link Generator} running
     * {@code body}, and receives the values that run sends. The body starts when the subscriber
     * has received {@code onSubscribe}, on a new virtual thread, and its first value waits in
     * its {@code send} for the first request. Any number of subscribers, each with its own run.
     *
     * @param <T>  the type of the values
     * @param body the code that sends the values; it runs once per subscriber
     * @return a publisher of the values the body sends
     * @throws NullPointerException if {@code body} is null
     */
    public static <T> Flow.Publisher<T> publisher(Generator.Body<T> body) {
        return publisher(Adaptors.PUBLISHERS, body);
    }

    /**
     * Like {@link #publisher(Generator.Body)}, with the body and each subscription's receiving
     * loop running as tasks of {@code executor} (two tasks per active subscriber, so use an
     * executor with a thread per task). With an {@link java.util.concurrent.ExecutorService},
     * closing it after the subscribers have finished shows that no thread was left behind.
     *
     * @param <T>      the type of the values
     * @param executor runs the bodies and the subscriptions
     * @param body     the code that sends the values; it runs once per subscriber
     * @return a publisher of the values the body sends
     * @throws NullPointerException if {@code executor} or {@code body} is null
     */
    public static <T> Flow.Publisher<T> publisher(Executor executor, Generator.Body<T> body) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(body, "body");
        return new GeneratorPublisher<>(executor, body);
    }

    /**
     * Returns a publisher of the values received from {@code in}: one subscriber only, as a
     * channel's values can be received once. A second subscriber gets {@code onSubscribe} and
     * then {@code onError} with an {@link IllegalStateException} (rules 1.9, 1.11). The end of the
     * channel signals {@code onComplete}, or {@code onError} with the cause it was closed with;
     * cancelling closes {@code in}. The publisher receives with {@code in.receive()}, so give it a
     * receiving endpoint that nobody else uses, such as {@code channel.first()} of a channel
     * whose second endpoint sends.
     *
     * @param <T> the type of the values
     * @param in  the endpoint to receive from
     * @return a single-subscriber publisher
     * @throws NullPointerException if {@code in} is null
     */
    public static <T> Flow.Publisher<T> publisher(Endpoint<? extends T, ?> in) {
        return publisher(Adaptors.PUBLISHERS, in);
    }

    /**
     * Like {@link #publisher(Endpoint)}, with the subscription's receiving loop running as a task
     * of {@code executor}.
     *
     * @param <T>      the type of the values
     * @param executor runs the subscription
     * @param in       the endpoint to receive from
     * @return a single-subscriber publisher
     * @throws NullPointerException if {@code executor} or {@code in} is null
     */
    public static <T> Flow.Publisher<T> publisher(Executor executor, Endpoint<? extends T, ?> in) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(in, "in");
        return new EndpointPublisher<>(executor, in);
    }

    /**
     * Returns a subscriber that sends each item it receives into {@code out}, with backpressure:
     * it requests one item, sends it, and requests the next when the other end of the channel has
     * taken it and asks for more. {@code onComplete} closes {@code out}, so iteration at the other
     * end ends; {@code onError} closes it with the error as the cause. If the other end closes
     * the channel, the subscriber cancels its subscription (noticed at the next item). Give it
     * an endpoint that can send and that nobody else uses, such as {@code channel.second()}.
     * One subscription only: a second {@code onSubscribe} is cancelled (rule 2.5).
     *
     * @param <T> the type of the items
     * @param out the endpoint to send into
     * @return a new subscriber
     * @throws NullPointerException if {@code out} is null
     */
    public static <T> Flow.Subscriber<T> subscriber(Endpoint<?, ? super T> out) {
        return subscriber(Adaptors.SUBSCRIBERS, out);
    }

    /**
     * Like {@link #subscriber(Endpoint)}, with the sends running as tasks of {@code executor}
     * (one at a time, each lasting while an item is handed over).
     *
     * @param <T>      the type of the items
     * @param executor runs the sends
     * @param out      the endpoint to send into
     * @return a new subscriber
     * @throws NullPointerException if {@code executor} or {@code out} is null
     */
    public static <T> Flow.Subscriber<T> subscriber(Executor executor, Endpoint<?, ? super T> out) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(out, "out");
        return new EndpointSubscriber<>(executor, out);
    }

    /** A cold publisher: a new generator per subscriber. */
    private record GeneratorPublisher<T>(Executor executor, Generator.Body<T> body) implements Flow.Publisher<T> {
        @Override
        public void subscribe(Flow.Subscriber<? super T> subscriber) {
            Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
            Generator<T> generator = Generator.of(executor, body);
            ChannelSubscription<T> subscription =
                    new ChannelSubscription<>(subscriber, new GeneratorSource<>(generator), executor);
            generator.onEnd(subscription::sourceEnded);
            subscription.start();
        }
    }

    /** The values of one generator. */
    private record GeneratorSource<T>(Generator<T> generator) implements ChannelSubscription.Source<T> {
        @Override
        public void open() {
            generator.startNow();
        }

        @Override
        public T receive() throws InterruptedException {
            return generator.endpoint().receive();
        }

        @Override
        public boolean isClosed() {
            return generator.endpoint().isClosed();
        }

        @Override
        public void cancel() {
            generator.endpoint().close(); // does not wait; release() does
        }

        @Override
        public void release() {
            generator.close();
        }
    }

    /** A single-subscriber publisher of one endpoint's values. */
    private static final class EndpointPublisher<T> implements Flow.Publisher<T> {
        private final Executor executor;
        private final Endpoint<? extends T, ?> in;
        private final AtomicBoolean subscribed = new AtomicBoolean();

        EndpointPublisher(Executor executor, Endpoint<? extends T, ?> in) {
            this.executor = executor;
            this.in = in;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super T> subscriber) {
            Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
            if (!subscribed.compareAndSet(false, true)) {
                subscriber.onSubscribe(NoSubscription.INSTANCE);
                subscriber.onError(new IllegalStateException(
                        "this publisher has a subscriber already: a channel's values can be received once"));
                return;
            }
            new ChannelSubscription<T>(subscriber, new EndpointSource<>(in), executor).start();
        }

        @Override
        public String toString() {
            return "Flows.publisher(" + in + ")";
        }
    }

    /** The values of one endpoint. */
    private record EndpointSource<T>(Endpoint<? extends T, ?> in) implements ChannelSubscription.Source<T> {
        @Override
        public void open() {
        }

        @Override
        public T receive() throws InterruptedException {
            return in.receive();
        }

        @Override
        public boolean isClosed() {
            return in.isClosed();
        }

        @Override
        public void cancel() {
            in.close();
        }

        @Override
        public void release() {
        }
    }

    /** The subscription given to a rejected subscriber before its onError. */
    private enum NoSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
