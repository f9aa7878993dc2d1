package dev.channels.bench;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.bench.contenders.RoundTrips;
import dev.channels.bench.rig.IterationMetrics;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Strategies;
import dev.channels.bench.rig.ThreadKind;
import dev.channels.bench.rig.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A server with many clients, on virtual threads, against as many independent pairs: issue 11's
 * "a 1,000-client server within 2x of 1,000 independent pairs" and "flat from 10 to 1,000
 * clients". {@code clients} virtual threads each do {@value #REQUESTS}{@code / clients}
 * round trips per invocation, all released at once as in {@link ManyPairsBenchmark} (at 1,000
 * clients that is its 100 round trips each, so that {@code pairs-channels-spinThenPark} at 1,000
 * is the many-pairs benchmark's {@code channels-spinThenPark}). One operation is one request; the
 * score is wall time per request over all clients together.
 *
 * <p>Contenders ({@code impl}):
 * <ul>
 * <li>{@code channels-<strategy>}: one server thread selecting over the clients' channels
 *     ({@link Selector#of}, then {@link Arrival#post} of the reply); clients
 *     {@code reply = send(request)};</li>
 * <li>{@code pairs-<contender>}: no server, {@code clients} independent pairs of any round-trip
 *     contender ({@link RoundTrips}), e.g. {@code pairs-channels-spinThenPark};</li>
 * <li>{@code synchronousQueue}: one server thread taking requests from one shared queue and
 *     putting each reply into the client's own queue.</li>
 * </ul>
 * Also published: {@code cpu}, process CPU time per request. No floor (see
 * {@link ManyPairsBenchmark}): compare rows of one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ManyClientsBenchmark {
    /** Requests per invocation, over all clients. */
    public static final int REQUESTS = 100_000;
    /** How long one invocation may take before the benchmark fails. */
    static final long DEADLINE_SECONDS = 60;

    /** The contender. */
    @Param({"channels-spinThenPark", "pairs-channels-spinThenPark", "synchronousQueue"})
    public String impl;

    /** Clients (or pairs). */
    @Param({"10", "100", "1000"})
    public int clients;

    private final List<Thread> threads = new ArrayList<>();
    private Thread[] pingers;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile int generation;
    private volatile boolean stopping;
    private volatile Thread waiter;
    private volatile Throwable failure;
    private Runnable closer = () -> { };
    private int roundTrips;
    private long processCpuStart;
    private long iterationOps;

    /** One client's round trip. */
    @FunctionalInterface
    interface Client {
        void drive(int n) throws InterruptedException;
    }

    /** Creates the server (or the pairs) and the clients; the clients wait for the first invocation. */
    @Setup(Level.Trial)
    public void start() {
        if (REQUESTS % clients != 0) {
            throw new IllegalArgumentException("clients must divide " + REQUESTS + ": " + clients);
        }
        roundTrips = REQUESTS / clients;
        pingers = new Thread[clients];
        Client[] cs = new Client[clients];
        if (impl.startsWith("pairs-")) {
            String pair = impl.substring("pairs-".length());
            List<PingPong> pairs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                PingPong p = RoundTrips.create(pair);
                pairs.add(p);
                threads.add(ThreadKind.VIRTUAL.start("partner " + i, () -> serve(p::serve)));
                cs[i] = p::drive;
            }
            closer = () -> pairs.forEach(PingPong::close);
        } else if (impl.startsWith("channels-")) {
            List<Endpoint<Object, Object>> members = new ArrayList<>();
            List<Channel<Object, Object>> channels = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Channel<Object, Object> ch = Channels.create(Strategies.of(impl.substring("channels-".length())));
                channels.add(ch);
                members.add(ch.first());
                Endpoint<Object, Object> out = ch.second();
                int first = i;
                cs[i] = new Client() {
                    private int next = first;

                    @Override
                    public void drive(int n) throws InterruptedException {
                        for (int k = 0; k < n; k++, next++) {
                            Token request = Token.at(next);
                            check(request, out.send(request));
                        }
                    }
                };
            }
            Selector<Object, Object> server = Selector.of(members);
            threads.add(ThreadKind.VIRTUAL.start("server", () -> serve(() -> {
                for (;;) {
                    Arrival<Object, Object> a = server.select();
                    if (a.isClosed()) {
                        throw new IllegalStateException("member " + a.index() + " closed", a.cause());
                    }
                    a.post(((Token) a.value()).next());
                }
            })));
            closer = () -> channels.forEach(c -> c.first().close());
        } else if (impl.equals("synchronousQueue")) {
            SynchronousQueue<Request> requests = new SynchronousQueue<>();
            for (int i = 0; i < clients; i++) {
                Request r = new Request();
                int first = i;
                cs[i] = new Client() {
                    private int next = first;

                    @Override
                    public void drive(int n) throws InterruptedException {
                        for (int k = 0; k < n; k++, next++) {
                            Token request = Token.at(next);
                            r.token = request; // published by put
                            requests.put(r);
                            check(request, r.replies.take());
                        }
                    }
                };
            }
            threads.add(ThreadKind.VIRTUAL.start("server", () -> serve(() -> {
                for (;;) {
                    Request r = requests.take();
                    r.replies.put(r.token.next());
                }
            })));
        } else {
            throw new IllegalArgumentException("unknown many-clients contender " + impl);
        }
        for (int i = 0; i < clients; i++) {
            Client c = cs[i];
            pingers[i] = ThreadKind.VIRTUAL.start("client " + i, () -> ping(c));
            threads.add(pingers[i]);
        }
    }

    /** A client's request to the shared-queue server: reused for every request of that client. */
    static final class Request {
        final SynchronousQueue<Object> replies = new SynchronousQueue<>();
        Token token;
    }

    /** Starts counting CPU time. */
    @Setup(Level.Iteration)
    public void beforeIteration() {
        processCpuStart = ManyPairsBenchmark.processCpu();
        iterationOps = 0;
    }

    /** Publishes the process's CPU time per request. */
    @TearDown(Level.Iteration)
    public void afterIteration() {
        double cpu = (ManyPairsBenchmark.processCpu() - processCpuStart) / (double) Math.max(1L, iterationOps);
        IterationMetrics.publish("cpu", cpu, "ns/op");
    }

    /** Stops every thread, then closes the channels. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        try {
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    throw new IllegalStateException(impl + ": " + t + " did not stop");
                }
            }
        } finally {
            closer.run();
        }
        check();
    }

    /** Every client does its round trips; returns when all are done. */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void manyClients() {
        remaining.set(clients);
        waiter = Thread.currentThread();
        generation++; // volatile: opens the gate for this round
        for (Thread t : pingers) {
            LockSupport.unpark(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (remaining.get() != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(impl + ": " + remaining.get() + " of " + clients
                        + " clients did not finish " + roundTrips + " round trips within " + DEADLINE_SECONDS + " s");
            }
            LockSupport.parkNanos(this, left);
        }
        iterationOps += REQUESTS;
        check();
    }

    private void ping(Client c) {
        int seen = 0;
        try {
            for (;;) {
                while (generation == seen) {
                    if (stopping) {
                        return;
                    }
                    LockSupport.park(this);
                }
                seen++;
                c.drive(roundTrips);
                if (remaining.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
            }
        } catch (Throwable t) {
            fail(t); // ignored when stopping
        }
    }

    /** A server or partner body: runs until interrupted. */
    @FunctionalInterface
    interface Body {
        void run() throws InterruptedException;
    }

    private void serve(Body body) {
        try {
            body.run();
        } catch (InterruptedException stop) {
            if (!stopping) {
                fail(stop);
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    private static void check(Token request, Object reply) {
        if (reply != request.next()) {
            throw new IllegalStateException("sent " + request + ", got " + reply + " instead of " + request.next());
        }
    }

    private void fail(Throwable t) {
        if (!stopping) {
            failure = t;
            remaining.set(0);
            LockSupport.unpark(waiter);
        }
    }

    private void check() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException(impl + ": a client or the server failed", f);
        }
    }
}
