package dev.channels.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.ChannelClosedException;
import dev.channels.Sink;
import dev.channels.flow.TrackingExecutor.Kind;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sink: pull-style code fed by pushes, its result, and nothing left running. */
class SinkTest {

    /** A pull-style loop sums what is pushed; finish() returns the sum and the body's thread ends. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void pullStyleLoopIsFedByPushes(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        try (Sink<Integer, Long> sum = Sink.of(exec, in -> {
            long s = 0;
            for (int x : in) {
                s += x;
            }
            return s;
        })) {
            for (int i = 1; i <= 100; i++) {
                sum.send(i);
            }
            assertEquals(5050L, sum.finish());
            assertEquals(5050L, sum.finish(), "finish is repeatable");
        }
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /** A stream-consuming function (a Collector) is fed by pushes. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void streamConsumerIsFedByPushes(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        try (Sink<String, String> joined = Sink.of(exec, in -> in.stream().collect(Collectors.joining(",")))) {
            joined.send("a");
            joined.send(null);
            joined.send("c");
            assertEquals("a,null,c", joined.finish());
        }
        exec.assertAllEnded();
    }

    /** send returns only once the body has taken the item: the body is never behind. */
    @Test
    @Timeout(20)
    void sendReturnsOnceTheBodyHasTheItem() throws Exception {
        List<Integer> seen = new ArrayList<>(); // the body's; read after a send returns
        try (Sink<Integer, Integer> s = Sink.of(in -> {
            for (int x : in) {
                seen.add(x);
            }
            return seen.size();
        })) {
            for (int i = 0; i < 5; i++) {
                s.send(i);
                assertEquals(i + 1, seen.size()); // happens-before: taken, then asked for more
            }
            assertEquals(5, s.finish());
        }
    }

    /** A body that returns early (findFirst) ends the input: the next send throws, the result is ready. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void bodyThatReturnsEarlyEndsTheInput(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        try (Sink<Integer, Optional<Integer>> firstBig =
                Sink.of(exec, in -> in.stream().filter(x -> x > 2).findFirst())) {
            firstBig.send(1);
            firstBig.send(2);
            ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> firstBig.send(3));
            assertTrue(e.isClosedByOtherEnd());
            assertNull(e.getCause());
            assertThrows(ChannelClosedException.class, () -> firstBig.send(4));
            assertEquals(Optional.of(3), firstBig.result().get());
            assertEquals(Optional.of(3), firstBig.finish());
        }
        exec.assertAllEnded();
    }

    /** A body that throws: send throws with the cause, finish throws ExecutionException, the future fails. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void bodyExceptionReachesThePusherAndTheResult(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        IllegalArgumentException failure = new IllegalArgumentException("odd item");
        try (Sink<Integer, Integer> s = Sink.of(exec, in -> {
            for (int x : in) {
                if (x % 2 == 1) {
                    throw failure;
                }
            }
            return 0;
        })) {
            s.send(0);
            // the body takes 1 and throws; send(1) sees the close with the cause
            assertSame(failure, assertThrows(ChannelClosedException.class, () -> s.send(1)).getCause());
            assertSame(failure, assertThrows(ExecutionException.class, s::finish).getCause());
            assertSame(failure, assertThrows(ExecutionException.class, () -> s.result().get()).getCause());
        }
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /** close(cause) aborts: the body's iteration throws with that cause, and the result fails. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void closeWithCauseAborts(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        AtomicReference<Throwable> bodySaw = new AtomicReference<>();
        Sink<Integer, Integer> s = Sink.of(exec, in -> {
            int n = 0;
            try {
                for (int ignored : in) {
                    n++;
                }
            } catch (ChannelClosedException e) {
                bodySaw.set(e);
                throw e;
            }
            return n;
        });
        s.send(1);
        CancellationException abort = new CancellationException("user gave up");
        s.close(abort);
        assertSame(abort, bodySaw.get().getCause());
        ExecutionException e = assertThrows(ExecutionException.class, () -> s.result().get());
        assertSame(abort, e.getCause().getCause());
        exec.assertAllEnded();
    }

    /** close() ends the input: the result is computed from what was sent, and close waits for it. */
    @Test
    @Timeout(20)
    void closeEndsTheInputAndTheResultIsAvailable() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        CompletableFuture<Integer> result;
        try (Sink<Integer, Integer> count = Sink.of(exec, in -> (int) in.stream().count())) {
            count.send(7);
            count.send(8);
            result = count.result();
        }
        assertTrue(result.isDone(), "close waits for the body");
        assertEquals(2, result.get());
        exec.assertAllEnded();
    }

    /** sendAll hands an iterator over; the body's thread pulls the items from it. */
    @Test
    @Timeout(20)
    void sendAllIsPulledOnTheBodyThread() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        List<Thread> pulledOn = new ArrayList<>();
        Iterable<Integer> items = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 10;
            }

            @Override
            public Integer next() {
                pulledOn.add(Thread.currentThread());
                return i++;
            }
        };
        try (Sink<Integer, Integer> sum = Sink.of(exec, in -> in.stream().mapToInt(x -> x).sum())) {
            sum.sendAll(items);
            sum.send(100);
            assertEquals(145, sum.finish());
        }
        assertEquals(10, pulledOn.size());
        assertTrue(pulledOn.stream().allMatch(t -> t == exec.last()), "pulled on the body's thread");
    }

    /** An interrupted send throws InterruptedException; the sink stays usable. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(20)
    void interruptedSendKeepsTheSinkUsable(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        CountDownLatch go = new CountDownLatch(1);
        try (Sink<Integer, Integer> s = Sink.of(exec, in -> {
            go.await(); // busy before its first receive
            return in.stream().mapToInt(x -> x).sum();
        })) {
            Peer<String> pusher = Peers.virtual("pusher", () -> {
                try {
                    s.send(1);
                    return "no interrupt";
                } catch (InterruptedException e) {
                    go.countDown();
                }
                s.send(2);
                s.send(3);
                return "resumed";
            });
            Probe.awaitWaitingInChannel(pusher.thread());
            pusher.thread().interrupt();
            assertEquals("resumed", pusher.join());
            assertEquals(5, s.finish(), "the interrupted item was not taken; the rest were");
        }
        exec.assertAllEnded();
    }

    /** A sink dropped without close or finish is aborted by the cleaner, so its thread ends. */
    @Test
    @Timeout(30)
    void unreachableSinkIsAbortedByTheCleaner() throws Exception {
        TrackingExecutor exec = new TrackingExecutor(Kind.VIRTUAL);
        CompletableFuture<Integer> result = dropASinkAfterOneItem(exec);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (!result.isDone()) {
            assertTrue(System.nanoTime() < deadline, "the cleaner did not abort the sink");
            System.gc();
            try {
                result.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                // keep collecting
            }
        }
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(ChannelClosedException.class, e.getCause());
        assertInstanceOf(CancellationException.class, e.getCause().getCause());
        exec.assertAllEnded();
    }

    private static CompletableFuture<Integer> dropASinkAfterOneItem(TrackingExecutor exec) throws InterruptedException {
        Sink<Integer, Integer> s = Sink.of(exec, in -> in.stream().mapToInt(x -> x).sum());
        s.send(1);
        return s.result();
    }

    /** Many sinks, finished or closed part-way: every thread they started has ended. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(60)
    void threadCountReturnsToItsBaseline(Kind kind) throws Exception {
        TrackingExecutor exec = new TrackingExecutor(kind);
        List<Sink<Integer, Integer>> sinks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Sink<Integer, Integer> s = Sink.of(exec, in -> in.stream().mapToInt(x -> x).sum());
            for (int k = 0; k < i % 3; k++) {
                s.send(k);
            }
            sinks.add(s);
        }
        assertEquals(100, exec.alive());
        for (int i = 0; i < sinks.size(); i++) {
            if (i % 2 == 0) {
                sinks.get(i).close();
            } else {
                sinks.get(i).close(new CancellationException());
            }
        }
        exec.assertAllEnded();
        exec.assertNothingUncaught();
    }

    /**
     * The Python README's pipeline, inverted: the producer pushes, and the pull-style pipeline
     * (transform, then consume) runs in a sink on a virtual-thread-per-task executor.
     */
    @Test
    @Timeout(20)
    void generatorPipelineFedFromUpstream() throws Exception {
        List<String> printed;
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
                Sink<String, List<String>> pipeline = Sink.of(exec, in -> {
                    List<String> out = new ArrayList<>();
                    List<String> t = null;
                    for (String item : in) { // transform: combine pairs
                        if (t == null) {
                            t = new ArrayList<>(List.of("Combining:", item));
                        } else {
                            t.add(item);
                            out.add(String.join(" ", t)); // consume
                            t = null;
                        }
                    }
                    return out;
                })) {
            for (String item : List.of("Item 1", "Item 2", "Item 3", "Item 4")) {
                pipeline.send(item);
            }
            printed = pipeline.finish();
        }
        assertEquals(List.of("Combining: Item 1 Item 2", "Combining: Item 3 Item 4"), printed);
    }

    /** Many sinks pushed from many tasks of one structured executor; closing it leaves nothing running. */
    @Test
    @Timeout(30)
    void manySinksUnderAStructuredExecutor() throws Exception {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                Sink<Integer, Integer> s = Sink.of(exec, in -> in.stream().mapToInt(x -> x).sum());
                results.add(s.result());
                exec.submit(() -> {
                    try (s) {
                        for (int k : IntStream.rangeClosed(1, n).toArray()) {
                            s.send(k);
                        }
                        return s.finish();
                    }
                });
            }
        }
        for (int i = 0; i < 50; i++) {
            assertTrue(results.get(i).isDone());
            assertEquals(i * (i + 1) / 2, results.get(i).get());
        }
        assertFalse(results.isEmpty());
    }
}
