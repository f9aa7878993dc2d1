package dev.channels.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Flows;
import dev.channels.flow.TrackingExecutor.Kind;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Flows: publishers that honour demand, a subscriber that feeds an endpoint, and no leaks. */
class FlowsTest {

    /** An endless body counting the values it computed and recording how it ended. */
    static final class Endless implements dev.channels.Generator.Body<Integer> {
        final AtomicInteger computed = new AtomicInteger();
        final AtomicReference<Throwable> endedWith = new AtomicReference<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile Thread thread;

        @Override
        public void run(Endpoint<Void, Integer> out) throws InterruptedException {
            thread = Thread.currentThread();
            started.countDown();
            try {
                for (int i = 0; ; i++) {
                    computed.incrementAndGet();
                    out.send(i);
                }
            } catch (ChannelClosedException e) {
                endedWith.set(e);
                throw e;
            }
        }
    }

    /** Waits until the body runs and is parked in the channel (in its send). */
    private static void awaitParked(Endless body) throws InterruptedException {
        assertTrue(body.started.await(20, TimeUnit.SECONDS));
        Probe.awaitWaitingInChannel(body.thread);
    }

    /**
     * Exactly as many onNext as requested; the body computes a value only when a request makes
     * the subscription receive (it waits in send, one value ahead).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void publisherHonoursDemand(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Endless body = new Endless();
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>();
        Flows.publisher(exec, body).subscribe(sub);
        sub.subscription();
        awaitParked(body);
        assertEquals(1, body.computed.get(), "value 0 waits in send before any request");
        assertTrue(sub.items.isEmpty());

        sub.request(2);
        assertEquals(List.of(0, 1), sub.next(2));
        awaitParked(body);
        assertEquals(2, body.computed.get());
        assertTrue(sub.items.isEmpty(), "no onNext beyond demand");

        sub.request(1);
        assertEquals(2, sub.next());
        sub.cancel();
        exec.assertAllEnded();
        assertInstanceOf(ChannelClosedException.class, body.endedWith.get());
        sub.assertNoViolation();
        exec.assertNothingUncaught();
    }

    /** cancel() closes the producer: its pending send throws and every thread ends. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void cancelClosesTheProducer(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Endless body = new Endless();
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>();
        Flows.publisher(exec, body).subscribe(sub);
        sub.request(3);
        assertEquals(List.of(0, 1, 2), sub.next(3));
        sub.cancel();
        sub.cancel(); // idempotent
        sub.request(5); // a no-op after cancel
        exec.assertAllEnded();
        ChannelClosedException e = assertInstanceOf(ChannelClosedException.class, body.endedWith.get());
        assertTrue(e.isClosedByOtherEnd());
        assertTrue(sub.items.isEmpty());
        assertFalse(sub.terminal.isDone(), "no signal after cancel");
        sub.assertNoViolation();
    }

    /** A body that throws after some values: onNext for those, then onError with its exception. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void bodyExceptionSignalsOnError(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        IOException failure = new IOException("broken pipe");
        RecordingSubscriber<String> sub = new RecordingSubscriber<>();
        Flows.<String>publisher(exec, out -> {
            out.send("a");
            throw failure;
        }).subscribe(sub);
        sub.request(Long.MAX_VALUE);
        assertEquals("a", sub.next());
        assertSame(failure, sub.awaitError());
        exec.assertAllEnded();
        sub.assertNoViolation();
    }

    /** A body that fails before its first value is signalled at once, without any request (rule 1.4). */
    @Test
    @Timeout(20)
    void failureBeforeAnyValueNeedsNoDemand() throws Exception {
        IllegalStateException failure = new IllegalStateException("no config");
        RecordingSubscriber<String> sub = new RecordingSubscriber<>();
        Flows.<String>publisher(out -> {
            throw failure;
        }).subscribe(sub);
        assertSame(failure, sub.awaitError());
        sub.assertNoViolation();
    }

    /** An empty body completes at once, without any request. */
    @Test
    @Timeout(20)
    void emptyBodyCompletesWithoutDemand() throws Exception {
        RecordingSubscriber<String> sub = new RecordingSubscriber<>();
        Flows.<String>publisher(out -> { }).subscribe(sub);
        sub.awaitComplete();
        sub.assertNoViolation();
    }

    /**
     * After the last value the end is found by the next receive, so onComplete follows the next
     * request; without it the body stays parked in its last send.
     */
    @Test
    @Timeout(20)
    void endIsFoundAtTheNextRequest() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>();
        AtomicReference<Thread> body = new AtomicReference<>();
        Flows.<Integer>publisher(exec, out -> {
            body.set(Thread.currentThread());
            for (int i = 0; i < 3; i++) {
                out.send(i);
            }
        }).subscribe(sub);
        sub.request(3);
        assertEquals(List.of(0, 1, 2), sub.next(3));
        Probe.awaitWaitingInChannel(body.get()); // in send(2): set before send(0) was received
        assertFalse(sub.terminal.isDone());
        sub.request(1);
        sub.awaitComplete();
        exec.assertAllEnded();
        sub.assertNoViolation();
    }

    /** request(0) or less signals onError with IllegalArgumentException naming rule 3.9. */
    @Test
    @Timeout(20)
    void invalidRequestSignalsIllegalArgumentException() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>();
        Flows.publisher(exec, new Endless()).subscribe(sub);
        sub.request(-1);
        Throwable e = sub.awaitError();
        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains("3.9"), e.getMessage());
        exec.assertAllEnded();
    }

    /** A null value (legal in a channel) ends the subscription with onError, and closes the producer. */
    @Test
    @Timeout(20)
    void nullValueSignalsNullPointerException() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        AtomicReference<Throwable> bodyEnd = new AtomicReference<>();
        RecordingSubscriber<String> sub = new RecordingSubscriber<>();
        Flows.<String>publisher(exec, out -> {
            try {
                out.send("a");
                out.send(null);
                out.send("never");
            } catch (ChannelClosedException e) {
                bodyEnd.set(e);
            }
        }).subscribe(sub);
        sub.request(10);
        assertEquals("a", sub.next());
        assertInstanceOf(NullPointerException.class, sub.awaitError());
        exec.assertAllEnded();
        assertInstanceOf(ChannelClosedException.class, bodyEnd.get());
        sub.assertNoViolation();
    }

    /**
     * The core property the publishers rely on to signal the end without demand: once a channel
     * is closed, a receive never takes a value, not even one deposited and not yet taken.
     */
    @Test
    @Timeout(20)
    void aClosedChannelYieldsNoValue() throws Exception {
        Channel<String, Void> ch = Channels.create();
        ch.first().start(); // hands the start signal over without waiting
        Peer<Integer> sender = Peers.virtual("sender", () -> {
            try {
                ch.second().send("deposited, not taken");
                return -1;
            } catch (ChannelClosedException e) {
                return ch.second().taken();
            }
        });
        Probe.awaitWaitingInChannel(sender.thread());
        ch.second().close();
        assertEquals(0, sender.join(), "the value stays the sender's");
        assertThrows(ChannelClosedException.class, ch.first()::receive);
    }

    /** A cold publisher: each subscriber gets its own run of the body. */
    @Test
    @Timeout(20)
    void eachSubscriberGetsItsOwnRun() throws Exception {
        Flow.Publisher<Integer> p = Flows.publisher(out -> {
            for (int i = 0; i < 3; i++) {
                out.send(i);
            }
        });
        RecordingSubscriber<Integer> a = new RecordingSubscriber<>();
        RecordingSubscriber<Integer> b = new RecordingSubscriber<>();
        p.subscribe(a);
        p.subscribe(b);
        a.request(10);
        b.request(10);
        assertEquals(List.of(0, 1, 2), a.next(3));
        assertEquals(List.of(0, 1, 2), b.next(3));
        a.awaitComplete();
        b.awaitComplete();
    }

    /** An endpoint publisher: the channel's values, then onComplete; a second subscriber is refused. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void endpointPublisherHasOneSubscriber(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Channel<Integer, Void> ch = Channels.create();
        Peer<Void> producer = Peers.virtual("producer", () -> {
            try (Endpoint<Void, Integer> out = ch.second()) {
                for (int i = 0; i < 5; i++) {
                    out.send(i);
                }
            }
            return null;
        });
        Flow.Publisher<Integer> p = Flows.publisher(exec, ch.first());
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>();
        p.subscribe(sub);
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
        p.subscribe(second);
        assertInstanceOf(IllegalStateException.class, second.awaitError());
        sub.request(Long.MAX_VALUE);
        assertEquals(List.of(0, 1, 2, 3, 4), sub.next(5));
        sub.awaitComplete();
        producer.join();
        exec.assertAllEnded();
        sub.assertNoViolation();
        second.assertNoViolation();
    }

    /** subscribe(null) throws NullPointerException (rule 1.9). */
    @Test
    void nullSubscriberIsRejected() {
        assertThrows(NullPointerException.class, () -> Flows.publisher(out -> { }).subscribe(null));
        Flow.Publisher<Integer> single = Flows.publisher(Channels.<Integer, Void>create().first());
        assertThrows(NullPointerException.class, () -> single.subscribe(null));
    }

    /** The subscriber feeds an endpoint; a plain loop reads it at the other end until onComplete. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void subscriberFeedsAnEndpoint(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Channel<Integer, Void> ch = Channels.create();
        try (ExecutorService pubExec = Executors.newVirtualThreadPerTaskExecutor()) {
            SubmissionPublisher<Integer> pub = new SubmissionPublisher<>(pubExec, 4);
            pub.subscribe(Flows.subscriber(exec, ch.second()));
            Peer<Void> submitter = Peers.virtual("submitter", () -> {
                for (int i = 0; i < 20; i++) {
                    pub.submit(i);
                }
                pub.close();
                return null;
            });
            List<Integer> got = new ArrayList<>();
            for (int x : ch.first()) {
                got.add(x);
            }
            submitter.join();
            assertEquals(20, got.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(i, got.get(i));
            }
        }
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /** onError closes the endpoint with the error as the cause: the reading loop throws it. */
    @Test
    @Timeout(20)
    void subscriberPassesOnErrorAsTheCause() throws Exception {
        Channel<Integer, Void> ch = Channels.create();
        IOException failure = new IOException("upstream died");
        try (ExecutorService pubExec = Executors.newVirtualThreadPerTaskExecutor();
                SubmissionPublisher<Integer> pub = new SubmissionPublisher<>(pubExec, 4)) {
            pub.subscribe(Flows.subscriber(ch.second()));
            pub.submit(1);
            Endpoint<Integer, Void> in = ch.first();
            assertEquals(1, in.receive());
            pub.closeExceptionally(failure);
            assertSame(failure, assertThrows(ChannelClosedException.class, in::receive).getCause());
        }
    }

    /**
     * The whole chain is lazy: publisher, subscriber and channel together keep the body one value
     * ahead of the reader. When the reader closes its end, the subscriber cancels the publisher,
     * whose body ends; closing the structured executor returns.
     */
    @Test
    @Timeout(20)
    void readerClosingCancelsTheProducer() throws Exception {
        Endless body = new Endless();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            Channel<Integer, Void> ch = Channels.create();
            Flows.publisher(exec, body).subscribe(Flows.subscriber(exec, ch.second()));
            Endpoint<Integer, Void> in = ch.first();
            assertEquals(0, in.receive());
            assertEquals(1, in.receive());
            assertEquals(2, in.receive());
            // the subscriber requested one more after handing 1 over; the body computed at most
            // the value the subscription took (3) and the one it waits to send (4)
            assertTrue(body.computed.get() <= 5, "computed " + body.computed.get());
            in.close();
        } // every body, subscription and subscriber task has ended
        assertInstanceOf(ChannelClosedException.class, body.endedWith.get());
    }

    /** A second onSubscribe is cancelled (rule 2.5); null signals throw NullPointerException (2.13). */
    @Test
    @Timeout(20)
    void subscriberRulesOnSubscribeAndNulls() throws Exception {
        Flow.Subscriber<Integer> s = Flows.subscriber(Channels.<Integer, Void>create().second());
        AtomicInteger requested = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        Flow.Subscription first = new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet((int) n);
            }

            @Override
            public void cancel() {
            }
        };
        Flow.Subscription second = new Flow.Subscription() {
            @Override
            public void request(long n) {
                throw new AssertionError("requested from a second subscription");
            }

            @Override
            public void cancel() {
                cancelled.incrementAndGet();
            }
        };
        assertThrows(NullPointerException.class, () -> s.onSubscribe(null));
        s.onSubscribe(first);
        assertEquals(1, requested.get(), "one item at a time");
        s.onSubscribe(second);
        assertEquals(1, cancelled.get());
        assertThrows(NullPointerException.class, () -> s.onNext(null));
        assertThrows(NullPointerException.class, () -> s.onError(null));
    }
}
