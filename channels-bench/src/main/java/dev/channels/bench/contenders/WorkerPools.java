package dev.channels.bench.contenders;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.WaitStrategy;
import dev.channels.bench.rig.Strategies;
import dev.channels.bench.rig.ThreadKind;
import dev.channels.bench.rig.Token;
import dev.channels.bench.rig.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * A worker pool: a dispatcher hands jobs to {@value #WORKERS} workers. The driver (timed) is the
 * dispatcher; the partner is worker 0; workers 1 to 3 run on helper threads (see {@link Helpers}).
 * One operation is one job handed over; a job is a token, its result the token's
 * {@link Token#next()} (no work beyond the hand-off).
 *
 * <p>Contenders, by {@code @Param} name:
 * <ul>
 * <li>{@code channels-<strategy>}: workers that ask. A worker holds the second endpoint of its
 *     channel and calls {@code job = send(result)} ({@code send(null)} the first time); the
 *     dispatcher selects over the first endpoints ({@link Selector#of}), checks the result against
 *     the job it gave that worker, and {@link Arrival#post posts} the next job;</li>
 * <li>{@code synchronousQueue}: the dispatcher {@code put}s jobs into one queue shared by the
 *     workers, which {@code take} them (results stay with the workers);</li>
 * <li>{@code jox}: the same with one jox rendezvous channel shared by the workers (jox channels
 *     are many-to-many: the natural pool needs no select).</li>
 * </ul>
 */
public final class WorkerPools {
    /** Workers in the pool. */
    public static final int WORKERS = 4;

    private WorkerPools() {
    }

    /**
     * Creates a worker-pool contender and starts its helper threads.
     *
     * @param name the {@code @Param} name
     * @param kind the kind of the helper threads
     * @return a new contender
     */
    public static Workload create(String name, ThreadKind kind) {
        if (name.startsWith("channels-")) {
            return new ChannelPool(name, kind, Strategies.of(name.substring("channels-".length())));
        }
        return switch (name) {
            case "synchronousQueue" -> new SharedPool(name, kind, new Shared() {
                private final SynchronousQueue<Object> queue = new SynchronousQueue<>();

                @Override
                public void put(Object job) throws InterruptedException {
                    queue.put(job);
                }

                @Override
                public Object take() throws InterruptedException {
                    return queue.take();
                }
            });
            case "jox" -> new SharedPool(name, kind, new Shared() {
                private final com.softwaremill.jox.Channel<Object> channel = com.softwaremill.jox.Channel.newRendezvousChannel();

                @Override
                public void put(Object job) throws InterruptedException {
                    channel.send(job);
                }

                @Override
                public Object take() throws InterruptedException {
                    return channel.receive();
                }

                @Override
                public void close() {
                    channel.done();
                }
            });
            default -> throw new IllegalArgumentException("unknown worker-pool contender " + name);
        };
    }

    /** A worker on our channel's second endpoint; resumes after the rig's interrupt. */
    static final class ChannelWorker {
        private final Endpoint<Object, Object> out;
        /** The result to hand over with the next request for a job (null: the first request). */
        private Object result;

        ChannelWorker(Endpoint<Object, Object> out) {
            this.out = out;
        }

        void run() throws InterruptedException {
            // interrupted after the result was taken: wait for the job; else hand it over again
            Object job = out.isReplyPending() ? out.receive() : out.send(result);
            for (;;) {
                result = ((Token) job).next();
                job = out.send(result);
            }
        }
    }

    static final class ChannelPool extends Helpers {
        private final String name;
        private final List<Channel<Object, Object>> channels = new ArrayList<>();
        private final ChannelWorker[] workers = new ChannelWorker[WORKERS];
        private final Selector<Object, Object> dispatcher;
        /** The job each worker has now (null before its first); driver only. */
        private final Token[] given = new Token[WORKERS];
        private int nextJob;

        ChannelPool(String name, ThreadKind kind, WaitStrategy strategy) {
            super(kind);
            this.name = name;
            List<Endpoint<Object, Object>> members = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Channel<Object, Object> ch = Channels.create(strategy);
                channels.add(ch);
                members.add(ch.first());
                workers[w] = new ChannelWorker(ch.second());
            }
            dispatcher = Selector.of(members);
            for (int w = 1; w < WORKERS; w++) {
                ChannelWorker worker = workers[w];
                startHelper("worker " + w, worker::run);
            }
        }

        @Override
        void run(int n) throws InterruptedException {
            final Selector<Object, Object> s = dispatcher;
            int k = nextJob;
            for (int i = 0; i < n; i++, k++) {
                Arrival<Object, Object> a = s.select(); // a worker asks, with its last result
                if (a.isClosed()) {
                    throw new IllegalStateException(this + ": worker " + a.index() + " closed", a.cause());
                }
                int w = a.index();
                Token last = given[w];
                if (a.value() != (last == null ? null : last.next())) {
                    throw new IllegalStateException(this + ": worker " + w + " returned " + a.value() + " for " + last);
                }
                Token job = Token.at(k);
                given[w] = job;
                a.post(job);
            }
            nextJob = k;
        }

        @Override
        public void serve() throws InterruptedException {
            workers[0].run();
        }

        @Override
        void closeContender() {
            for (Channel<Object, Object> c : channels) {
                c.first().close();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A queue or channel shared by the workers. */
    interface Shared {
        void put(Object job) throws InterruptedException;

        Object take() throws InterruptedException;

        default void close() {
        }
    }

    static final class SharedPool extends Helpers {
        private final String name;
        private final Shared jobs;
        private int nextJob;

        SharedPool(String name, ThreadKind kind, Shared jobs) {
            super(kind);
            this.name = name;
            this.jobs = jobs;
            for (int w = 1; w < WORKERS; w++) {
                startHelper("worker " + w, this::work);
            }
        }

        private void work() throws InterruptedException {
            final Shared q = jobs;
            for (;;) {
                Object job = q.take(); // interrupted: nothing taken
                if (!(job instanceof Token)) {
                    throw new IllegalStateException(this + ": job " + job);
                }
            }
        }

        @Override
        void run(int n) throws InterruptedException {
            final Shared q = jobs;
            int k = nextJob;
            for (int i = 0; i < n; i++, k++) {
                q.put(Token.at(k));
            }
            nextJob = k;
        }

        @Override
        public void serve() throws InterruptedException {
            work();
        }

        @Override
        void closeContender() {
            jobs.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
