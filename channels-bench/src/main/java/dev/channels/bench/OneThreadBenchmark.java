package dev.channels.bench;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.bench.rig.Token;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The code of a round trip with nothing crossing cores: one thread plays both ends, so every
 * line stays in its cache and nothing waits. One operation is one round trip.
 *
 * <ul>
 * <li>{@code channels}: the hand-offs of a round trip, made as four calls that never wait
 *     ({@code post} a request, {@code receive} it at the other end, {@code post} the reply,
 *     {@code receive} it), each with its ownership CAS, its deposit ({@code post}) or take
 *     ({@code receive}), and its bookkeeping: eight locked instructions, where the two
 *     {@code send} calls of a round trip on two threads make six.</li>
 * <li>{@code jctools}: a request and a reply through a pair of {@code SpscArrayQueue}s, offer and
 *     poll on each, for scale.</li>
 * </ul>
 *
 * <p>ADR 0008 uses it to separate what the library's code costs from what a round trip between
 * two cores costs (see {@code bench-results/2026-12-06-locked-ops}). Run it by name, or with
 * hardware counters by {@code scripts/run.sh counters}; the other suites leave it out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = Main.AGRONA_EXPORTS)
@State(Scope.Thread)
public class OneThreadBenchmark {
    /** The contender: {@code channels} or {@code jctools}. */
    @Param({"channels", "jctools"})
    public String impl;

    private Channel<Object, Object> channel;
    private Endpoint<Object, Object> first;
    private Endpoint<Object, Object> second;
    private SpscArrayQueue<Object> requests;
    private SpscArrayQueue<Object> replies;
    private int cursor;

    /**
     * Starts the channel (the first endpoint's start signal, taken by the second), or creates the
     * queues.
     *
     * @throws InterruptedException never: nothing here waits
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        switch (impl) {
            case "channels" -> {
                channel = Channels.create(WaitStrategy.busySpin());
                first = channel.first();
                second = channel.second();
                first.post(null); // the start signal, handed over without waiting
                second.start(); // takes it: the second endpoint holds the turn
            }
            case "jctools" -> {
                requests = new SpscArrayQueue<>(16);
                replies = new SpscArrayQueue<>(16);
            }
            default -> throw new IllegalArgumentException("unknown one-thread contender " + impl);
        }
    }

    /** Closes the channel. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (channel != null) {
            first.close();
        }
    }

    /**
     * One round trip on one thread.
     *
     * @return the reply, checked
     * @throws InterruptedException never: every call finds its value already there
     */
    @Benchmark
    public Object roundTrip() throws InterruptedException {
        final int k = cursor++;
        final Token request = Token.at(k);
        final Token reply = request.next();
        final Object got;
        final Object answer;
        if (channel != null) {
            second.post(request);
            got = first.receive();
            first.post(reply);
            answer = second.receive();
        } else {
            requests.offer(request);
            got = requests.poll();
            replies.offer(reply);
            answer = replies.poll();
        }
        if (got != request || answer != reply) {
            throw new IllegalStateException(impl + ": sent " + request + " and " + reply + ", got " + got + " and " + answer);
        }
        return answer;
    }
}
