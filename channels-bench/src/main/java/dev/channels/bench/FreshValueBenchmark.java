package dev.channels.bench;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.bench.rig.PaddedLong;
import java.util.concurrent.Exchanger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * A round trip between two platform threads where each message is a <em>fresh</em> object, as in
 * most programs, against one where the messages are reused, as in {@link RoundTripBenchmark}
 * (whose tokens are allocated once). One operation is one round trip: the benchmark thread sends a
 * request, a partner thread answers it. Neither side reads the messages: what is measured is what
 * the hand-off itself does with them.
 *
 * <p>A fresh object's header lies on a cache line that its sender's core has just written. A
 * hand-off that reads the header (an {@code instanceof}, a cast) fetches that line from the other
 * core: one more trip between the cores per hand-off, which reused messages, read-shared in both
 * caches, never show. ADR 0008, "Found: the value's header", has the measurement that made the
 * exchange tell its own slot contents from values by reference.
 *
 * <p>The channel, the queues and the exchanger are moved into the old generation before measuring
 * (two {@code System.gc()} calls in the setup), as a long-lived channel is: under G1 a reference
 * to a young object stored into an old one pays the collector's write barrier, which a channel
 * made in the benchmark's own setup, still young, would not.
 *
 * <ul>
 * <li>{@code channels-busySpin}, {@code channels-spinThenPark}: {@code send} on the second
 *     endpoint; the partner loops {@code reply = first.send(answer)}.</li>
 * <li>{@code exchanger}: {@code Exchanger.exchange}, the partner exchanging its answers.</li>
 * <li>{@code jctools}: a request queue and a reply queue ({@code SpscArrayQueue}), both sides
 *     spinning on {@code poll}.</li>
 * </ul>
 *
 * <p>Run it by name; the suites of {@code scripts/run.sh} leave it out:
 * {@code java -jar benchmarks.jar FreshValueBenchmark -prof gc}, and with
 * {@code -jvmArgsAppend -XX:+UseZGC} for a collector without a card-marking barrier.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsPrepend = Main.AGRONA_EXPORTS)
@State(Scope.Benchmark)
public class FreshValueBenchmark {
    /** The contender: {@code channels-busySpin}, {@code channels-spinThenPark}, {@code exchanger}, {@code jctools}. */
    @Param({"channels-busySpin", "channels-spinThenPark", "exchanger", "jctools"})
    public String impl;

    /** {@code fresh}: a new object per message; {@code reused}: 256 objects per side, allocated once. */
    @Param({"reused", "fresh"})
    public String values;

    private static final int REUSED = 256;

    private final Object[] requests = new Object[REUSED];
    private boolean fresh;
    private int cursor;

    private Channel<Object, Object> channel;
    private Endpoint<Object, Object> client;
    private Exchanger<Object> exchanger;
    private SpscArrayQueue<Object> toPartner;
    private SpscArrayQueue<Object> toClient;
    private Thread partner;
    /**
     * Nonzero once the trial is over; read by the spinning partners. Padded: a flag beside
     * {@code cursor}, which the benchmark thread writes on every round trip, would move that line
     * between the cores on every look.
     */
    private final PaddedLong stop = new PaddedLong(0L);

    /**
     * Makes the contender, starts the partner, and moves everything into the old generation.
     *
     * @throws InterruptedException never: nothing here waits (declared for the JMH life cycle)
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        fresh = switch (values) {
            case "fresh" -> true;
            case "reused" -> false;
            default -> throw new IllegalArgumentException("unknown values " + values + ": fresh or reused");
        };
        final boolean f = fresh;
        final PaddedLong done = stop; // a local: the partners never read this object's line
        final Object[] answers = new Object[REUSED];
        for (int i = 0; i < REUSED; i++) {
            requests[i] = new Object();
            answers[i] = new Object();
        }
        Runnable loop = switch (impl) {
            case "channels-busySpin", "channels-spinThenPark" -> {
                channel = Channels.create(impl.endsWith("busySpin") ? WaitStrategy.busySpin() : WaitStrategy.spinThenPark());
                client = channel.second();
                Endpoint<Object, Object> server = channel.first();
                yield () -> {
                    try {
                        server.receive(); // hands over the start signal and takes the first request
                        for (int i = 0; ; i++) {
                            server.send(f ? new Object() : answers[i & (REUSED - 1)]);
                        }
                    } catch (ChannelClosedException | InterruptedException e) {
                        // the trial is over
                    }
                };
            }
            case "exchanger" -> {
                Exchanger<Object> x = exchanger = new Exchanger<>();
                yield () -> {
                    for (int i = 0; done.get() == 0L; i++) {
                        try {
                            x.exchange(f ? new Object() : answers[i & (REUSED - 1)], 100, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException e) {
                            i--; // no request within 100 ms: look at stop again
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                };
            }
            case "jctools" -> {
                SpscArrayQueue<Object> in = toPartner = new SpscArrayQueue<>(16);
                SpscArrayQueue<Object> out = toClient = new SpscArrayQueue<>(16);
                yield () -> {
                    for (int i = 0; done.get() == 0L; i++) {
                        if (in.poll() == null) {
                            Thread.onSpinWait();
                            i--;
                            continue;
                        }
                        out.offer(f ? new Object() : answers[i & (REUSED - 1)]);
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown contender " + impl);
        };
        partner = new Thread(loop, "fresh-value-partner");
        partner.setDaemon(true);
        partner.start();
        System.gc(); // twice: whatever survives the first is old after the second
        System.gc();
    }

    /**
     * Stops the partner.
     *
     * @throws InterruptedException if interrupted while joining it
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop.set(1L);
        if (channel != null) {
            client.close();
        }
        partner.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** Whether the partner thread has ended (after {@link #tearDown}); for the tests. */
    boolean partnerStopped() {
        return !partner.isAlive();
    }

    /**
     * One round trip.
     *
     * @return the reply
     * @throws Exception if the contender fails (nothing here expects it)
     */
    @Benchmark
    public Object roundTrip() throws Exception {
        final Object request = fresh ? new Object() : requests[cursor++ & (REUSED - 1)];
        final Object reply;
        if (client != null) {
            reply = client.send(request);
        } else if (exchanger != null) {
            reply = exchanger.exchange(request);
        } else {
            toPartner.offer(request);
            Object r;
            while ((r = toClient.poll()) == null) {
                Thread.onSpinWait();
            }
            reply = r;
        }
        if (reply == null || reply == request) {
            throw new IllegalStateException(impl + ": sent " + request + ", got " + reply);
        }
        return reply;
    }
}
