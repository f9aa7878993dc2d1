package dev.channels.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.ChannelClosedException;
import dev.channels.ChannelInterruptedException;
import dev.channels.Generator;
import dev.channels.flow.TrackingExecutor.Kind;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generator: push-style bodies pulled as iterators and streams, and nothing left running. */
class GeneratorTest {

    /** A body that sends 0, 1, 2, ... forever, counting the values it computed and recording how it ended. */
    static final class Counting implements Generator.Body<Integer> {
        final AtomicInteger computed = new AtomicInteger();
        final AtomicReference<Throwable> endedWith = new AtomicReference<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Thread thread;

        @Override
        public void run(dev.channels.Endpoint<Void, Integer> out) throws InterruptedException {
            thread = Thread.currentThread();
            try {
                for (int i = 0; ; i++) {
                    computed.incrementAndGet();
                    out.send(i);
                }
            } catch (ChannelClosedException | InterruptedException e) {
                endedWith.set(e);
                throw e;
            } finally {
                ended.countDown();
            }
        }

        /** The body's pending send threw ChannelClosedException because the consumer closed. */
        void assertClosedByConsumer() {
            Throwable e = endedWith.get();
            assertInstanceOf(ChannelClosedException.class, e);
            assertTrue(((ChannelClosedException) e).isClosedByOtherEnd());
            assertNull(e.getCause());
        }
    }

    /** The values arrive in order, and the body's thread has ended when the iteration ends. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void yieldsValuesInOrder(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        List<Integer> got = new ArrayList<>();
        try (Generator<Integer> g = Generator.of(exec, out -> {
            for (int i = 0; i < 10; i++) {
                out.send(i);
            }
        })) {
            for (int v : g) {
                got.add(v);
            }
            assertFalse(g.hasNext());
            assertThrows(NoSuchElementException.class, g::next);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), got);
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /** The body starts on the first pull, and computes a value only when the consumer asks for it. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void bodyIsLazy(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Counting body = new Counting();
        try (Generator<Integer> g = Generator.of(exec, body)) {
            assertEquals(0, exec.started(), "no thread before the first pull");
            assertEquals(0, g.next());
            Probe.awaitWaitingInChannel(exec.last()); // parked in send(0) until the next pull
            assertEquals(1, body.computed.get());
            assertEquals(1, g.next());
            Probe.awaitWaitingInChannel(exec.last());
            assertEquals(2, body.computed.get());
        }
        body.assertClosedByConsumer();
        exec.assertAllEnded();
    }

    /** close() ends the body at its pending send and returns once its thread has ended. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void closeEndsTheBody(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Counting body = new Counting();
        Generator<Integer> g = Generator.of(exec, body);
        assertEquals(List.of(0, 1, 2), List.of(g.next(), g.next(), g.next()));
        assertTrue(g.close(Duration.ofSeconds(20)));
        assertEquals(0, body.ended.getCount(), "close returned before the body ended");
        body.assertClosedByConsumer();
        assertFalse(g.hasNext());
        g.close(); // idempotent
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /** Leaving a try-with-resources over the iterator closes the generator. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void tryWithResourcesOverTheIteratorCloses(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Counting body = new Counting();
        try (Generator<Integer> g = Generator.of(exec, body)) {
            for (int v : g) {
                if (v == 4) {
                    break;
                }
            }
        }
        assertEquals(5, body.computed.get());
        body.assertClosedByConsumer();
        exec.assertAllEnded();
    }

    /** stream().limit(3) in try-with-resources: three values, and the producer's next send throws. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void streamLimitClosesTheProducer(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Counting body = new Counting();
        try (Stream<Integer> s = Generator.of(exec, body).stream()) {
            assertEquals(List.of(0, 1, 2), s.limit(3).toList());
        }
        assertEquals(3, body.computed.get(), "the body computed a value nobody asked for");
        body.assertClosedByConsumer();
        exec.assertAllEnded();
    }

    /** stream().findFirst() in try-with-resources closes the producer. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void streamFindFirstClosesTheProducer(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        Counting body = new Counting();
        try (Stream<Integer> s = Generator.of(exec, body).stream()) {
            assertEquals(Optional.of(7), s.filter(v -> v > 6).findFirst());
        }
        assertEquals(8, body.computed.get());
        body.assertClosedByConsumer();
        exec.assertAllEnded();
    }

    /** A generator dropped without close (stream().findFirst() alone) is closed by the cleaner. */
    @Test
    @Timeout(30)
    void unreachableGeneratorIsClosedByTheCleaner() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        Counting body = new Counting();
        assertEquals(Optional.of(0), Generator.of(exec, body).stream().findFirst()); // no close
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (!body.ended.await(50, TimeUnit.MILLISECONDS)) {
            assertTrue(System.nanoTime() < deadline, "the cleaner did not close the generator");
            System.gc();
        }
        body.assertClosedByConsumer();
        exec.assertAllEnded();
    }

    /** An exception in the body reaches the consumer as the cause, after the values sent before. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void bodyExceptionReachesTheConsumerAsTheCause(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        IOException failure = new IOException("disk on fire");
        try (Generator<String> g = Generator.of(exec, out -> {
            out.send("a");
            out.send("b");
            throw failure;
        })) {
            assertEquals("a", g.next());
            assertEquals("b", g.next());
            ChannelClosedException e = assertThrows(ChannelClosedException.class, g::hasNext);
            assertSame(failure, e.getCause());
        }
        try (Stream<String> s = Generator.<String>of(exec, out -> {
            throw failure;
        }).stream()) {
            assertSame(failure, assertThrows(ChannelClosedException.class, s::toList).getCause());
        }
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /** A generator closed before its first pull never runs its body. */
    @Test
    @Timeout(20)
    void closeBeforeTheFirstPullNeverRunsTheBody() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        AtomicInteger runs = new AtomicInteger();
        Generator<Integer> g = Generator.of(exec, out -> runs.incrementAndGet());
        assertTrue(g.close(Duration.ZERO));
        assertFalse(g.hasNext());
        assertEquals(0, exec.started());
        assertEquals(0, runs.get());
    }

    /**
     * close() from another thread ends a pull blocked there; a body busy elsewhere (not in the
     * channel) is interrupted when close's wait runs out, and its interrupt is not reported.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void closeFromAnotherThreadEndsABlockedPull(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        CountDownLatch never = new CountDownLatch(1);
        Generator<Integer> g = Generator.of(exec, out -> {
            out.send(1);
            never.await(); // computing the next value, outside the channel
            out.send(2);
        });
        assertEquals(1, g.next());
        Peer<Boolean> puller = Peers.virtual("puller", g::hasNext);
        Probe.awaitWaitingInChannel(puller.thread());
        g.close(Duration.ZERO); // the body waits on a latch: it is interrupted at once
        assertFalse(puller.join(), "the blocked pull finds the end");
        exec.assertAllEnded(); // the interrupt ended the body
        exec.assertNothingUncaught();
    }

    /** A body that ignores the close is interrupted once close's wait runs out. */
    @Test
    @Timeout(20)
    void closeInterruptsABodyThatIgnoresTheClose() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Throwable> interrupted = new AtomicReference<>();
        Generator<Integer> g = Generator.of(exec, out -> {
            try {
                out.send(1);
                out.send(2);
            } catch (ChannelClosedException e) {
                try {
                    never.await(); // a stubborn cleanup
                } catch (InterruptedException ie) {
                    interrupted.set(ie);
                }
            }
        });
        assertEquals(1, g.next());
        g.close(Duration.ofMillis(50));
        exec.assertAllEnded();
        assertInstanceOf(InterruptedException.class, interrupted.get());
    }

    /** A body that closes its own generator ends the iteration, and close does not wait for itself. */
    @Test
    @Timeout(5) // close would wait 10 s for a body that waited for itself
    void bodyClosingItsOwnGeneratorDoesNotWaitForItself() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        AtomicReference<Generator<Integer>> self = new AtomicReference<>();
        Generator<Integer> g = Generator.of(exec, out -> {
            out.send(1);
            self.get().close();
            out.send(2);
        });
        self.set(g);
        assertEquals(1, g.next());
        assertFalse(g.hasNext());
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /** A failure the consumer can no longer receive goes to the uncaught-exception handler. */
    @Test
    @Timeout(20)
    void failureAfterCloseIsReported() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        IllegalStateException cleanupFailed = new IllegalStateException("cleanup failed");
        Generator<Integer> g = Generator.of(exec, out -> {
            try {
                out.send(1);
                out.send(2);
            } catch (ChannelClosedException e) {
                throw cleanupFailed;
            }
        });
        assertEquals(1, g.next());
        assertTrue(g.close(Duration.ofSeconds(20)));
        exec.assertAllEnded();
        assertEquals(List.of(cleanupFailed), exec.uncaught);
    }

    /** An interrupted pull throws ChannelInterruptedException; the generator stays intact. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void interruptedPullKeepsTheGeneratorIntact(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        CountDownLatch go = new CountDownLatch(1);
        try (Generator<String> g = Generator.of(exec, out -> {
            go.await();
            out.send("late");
        })) {
            Peer<String> puller = Peers.virtual("puller", () -> {
                try {
                    g.hasNext();
                    return "no interrupt";
                } catch (ChannelInterruptedException e) {
                    if (!Thread.interrupted()) {
                        return "interrupt status not set";
                    }
                }
                go.countDown();
                return g.next();
            });
            Probe.awaitWaitingInChannel(puller.thread());
            puller.thread().interrupt();
            assertEquals("late", puller.join());
        }
        exec.assertAllEnded();
    }

    /** Two threads pulling at once: the second gets IllegalStateException, the first is unaffected. */
    @Test
    @Timeout(20)
    void concurrentPullIsRejected() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (Generator<Integer> g = Generator.of(out -> {
            go.await();
            out.send(42);
        })) {
            Peer<Integer> first = Peers.virtual("first", g::next);
            Probe.awaitWaitingInChannel(first.thread());
            assertThrows(IllegalStateException.class, g::hasNext);
            go.countDown();
            assertEquals(42, first.join());
        }
    }

    /** null is a value like any other. */
    @Test
    @Timeout(20)
    void nullIsAValue() throws Exception {
        try (Generator<String> g = Generator.of(out -> {
            out.send(null);
            out.send("x");
        })) {
            List<String> got = new ArrayList<>();
            g.forEachRemaining(got::add);
            assertEquals(java.util.Arrays.asList(null, "x"), got);
        }
    }

    /** An executor that refuses the body: the first pull throws, and the generator is closed with that cause. */
    @Test
    @Timeout(20)
    void refusedBodyFailsTheFirstPull() {
        ExecutorService shut = Executors.newSingleThreadExecutor();
        shut.shutdown();
        try (Generator<Integer> g = Generator.of(shut, out -> out.send(1))) {
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, g::hasNext);
            assertSame(e, assertThrows(ChannelClosedException.class, g::hasNext).getCause());
        }
    }

    /** Many generators, each abandoned part-way and closed: every thread they started has ended. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(60)
    void threadCountReturnsToItsBaseline(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        int n = 100;
        List<Generator<Integer>> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Generator<Integer> g = Generator.of(exec, new Counting());
            for (int k = 0; k < i % 4; k++) {
                g.next(); // i % 4 == 0: never started
            }
            open.add(g);
        }
        assertEquals(n - n / 4, exec.alive(), "one live thread per started generator");
        open.forEach(Generator::close);
        exec.assertAllEnded();
        assertEquals(n - n / 4, exec.started());
        exec.assertNothingUncaught();
    }

    /**
     * The default executor: the body's own thread (a virtual thread named generator-N) has ended
     * when close returns.
     */
    @Test
    @Timeout(20)
    void defaultThreadEndsOnClose() throws Exception {
        Counting body = new Counting();
        try (Generator<Integer> g = Generator.of(body)) {
            assertEquals(0, g.next());
        }
        Thread t = body.thread;
        assertTrue(t.isVirtual());
        assertTrue(t.getName().startsWith("generator-"), t.getName());
        assertTrue(t.join(Duration.ofSeconds(20)));
        body.assertClosedByConsumer();
    }

    /**
     * Structured use: generators stacked into a pipeline on a virtual-thread-per-task executor;
     * closing the executor returns, so no task was left running.
     */
    @Test
    @Timeout(20)
    void pipelineOnAVirtualThreadPerTaskExecutor() throws Exception {
        AtomicInteger bodiesEnded = new AtomicInteger();
        List<Integer> got;
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            try (Generator<Integer> numbers = Generator.of(exec, out -> {
                try {
                    for (int i = 1; ; i++) {
                        out.send(i);
                    }
                } finally {
                    bodiesEnded.incrementAndGet();
                }
            });
                    Generator<Integer> squares = Generator.of(exec, out -> {
                        try {
                            for (int i : numbers) {
                                out.send(i * i);
                            }
                        } finally {
                            bodiesEnded.incrementAndGet();
                        }
                    })) {
                got = squares.stream().limit(5).toList();
            }
        } // waits for every task
        assertEquals(List.of(1, 4, 9, 16, 25), got);
        assertEquals(2, bodiesEnded.get());
    }
}
