package dev.channels.bench.contenders;

import com.softwaremill.jox.Select;
import com.softwaremill.jox.SelectClause;
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
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * Fan-in: {@value #PRODUCERS} producers, one consumer taking whichever item is ready. The driver
 * (timed) is the consumer; the partner is producer 0; producer 1 runs on a helper thread (see
 * {@link Helpers}). One operation is one item taken. Producer {@code p} sends the tokens
 * {@code p, p + 2, p + 4, ...} in order, and the consumer checks each producer's order.
 *
 * <p>Contenders, by {@code @Param} name:
 * <ul>
 * <li>{@code channels-<strategy>}: {@link Selector#fanIn}, over the first endpoints of one channel
 *     per producer; producers {@code send(item)} on the second endpoints;</li>
 * <li>{@code single-<strategy>}: the reference without a select, one producer on one channel,
 *     the consumer's {@code receive()} (the one-way stream with the driver on the consumer's side);</li>
 * <li>{@code jox}: {@code Select.select} over the receive clauses of two rendezvous channels, the
 *     clauses (and their array) created once and reused;</li>
 * <li>{@code synchronousQueue}: both producers {@code put} into one shared queue, the consumer
 *     {@code take}s (no select needed).</li>
 * </ul>
 */
public final class FanIns {
    /** Producers of the fan-in contenders (the {@code single-} reference has one). */
    public static final int PRODUCERS = 2;

    private FanIns() {
    }

    /**
     * Creates a fan-in contender and starts its helper threads.
     *
     * @param name the {@code @Param} name
     * @param kind the kind of the helper threads (the rig's threads are of the same kind)
     * @return a new contender
     */
    public static Workload create(String name, ThreadKind kind) {
        if (name.startsWith("channels-")) {
            return new ChannelFanIn(name, kind, Strategies.of(name.substring("channels-".length())));
        }
        if (name.startsWith("single-")) {
            return new SingleStream(name, kind, Strategies.of(name.substring("single-".length())));
        }
        return switch (name) {
            case "jox" -> new JoxFanIn(kind);
            case "synchronousQueue" -> new QueueFanIn(kind);
            default -> throw new IllegalArgumentException("unknown fan-in contender " + name);
        };
    }

    /** The consumer's check: each producer's items arrive in order. */
    abstract static class Base extends Helpers {
        private final String name;
        /** The next token expected from each producer; driver only. */
        private final int[] expected = {0, 1};

        Base(String name, ThreadKind kind) {
            super(kind);
            this.name = name;
        }

        /** Checks an item; returns the producer it came from. */
        final int check(Object item) {
            Token t = (Token) item;
            int p = t.id() & 1;
            if (t != Token.at(expected[p])) {
                throw new IllegalStateException(this + ": producer " + p + " sent " + t + ", expected "
                        + Token.at(expected[p]));
            }
            expected[p] += 2;
            return p;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A producer on our channel's second endpoint; resumes after the rig's interrupt. */
    static final class ChannelProducer {
        private final Endpoint<Object, Object> out;
        private int next;

        ChannelProducer(Endpoint<Object, Object> out, int first) {
            this.out = out;
            this.next = first;
        }

        void run() throws InterruptedException {
            if (out.isReplyPending()) { // interrupted after the item was taken: wait to be asked
                out.receive();
                next += 2;
            }
            for (;;) {
                out.send(Token.at(next)); // returns when the consumer asks for the next item
                next += 2;
            }
        }
    }

    static final class ChannelFanIn extends Base {
        private final Channel<Object, Object>[] channels;
        private final ChannelProducer[] producers = new ChannelProducer[PRODUCERS];
        private final Selector<Object, Object> consumer;

        @SuppressWarnings({"unchecked", "rawtypes"})
        ChannelFanIn(String name, ThreadKind kind, WaitStrategy strategy) {
            super(name, kind);
            channels = new Channel[PRODUCERS];
            for (int p = 0; p < PRODUCERS; p++) {
                channels[p] = Channels.create(strategy);
                producers[p] = new ChannelProducer(channels[p].second(), p);
            }
            consumer = Selector.fanIn(List.of(channels[0].first(), channels[1].first()));
            ChannelProducer helper = producers[1];
            startHelper("producer 1", helper::run);
        }

        @Override
        void run(int n) throws InterruptedException {
            final Selector<Object, Object> s = consumer;
            for (int i = 0; i < n; i++) {
                Arrival<Object, Object> a = s.select();
                if (a.isClosed()) {
                    throw new IllegalStateException(this + ": member " + a.index() + " closed", a.cause());
                }
                if (check(a.value()) != a.index()) {
                    throw new IllegalStateException(this + ": " + a.value() + " arrived at member " + a.index());
                }
            }
        }

        @Override
        public void serve() throws InterruptedException {
            producers[0].run();
        }

        @Override
        void closeContender() {
            for (Channel<Object, Object> c : channels) {
                c.first().close();
            }
        }
    }

    static final class SingleStream extends Base {
        private final Channel<Object, Object> channel;
        private final ChannelProducer producer;

        SingleStream(String name, ThreadKind kind, WaitStrategy strategy) {
            super(name, kind);
            channel = Channels.create(strategy);
            producer = new ChannelProducer(channel.second(), 0);
        }

        @Override
        void run(int n) throws InterruptedException {
            final Endpoint<Object, Object> in = channel.first();
            for (int i = 0; i < n; i++) {
                check(in.receive());
            }
        }

        @Override
        public void serve() throws InterruptedException {
            producer.run();
        }

        @Override
        void closeContender() {
            channel.first().close();
        }
    }

    /** A producer that resends the same item if its send was interrupted (jox, SynchronousQueue). */
    abstract static class RetryingProducer {
        private int next;

        RetryingProducer(int first) {
            this.next = first;
        }

        abstract void send(Token item) throws InterruptedException;

        final void run() throws InterruptedException {
            for (;;) {
                send(Token.at(next)); // interrupted: not handed over, sent again on resume
                next += 2;
            }
        }
    }

    static final class JoxFanIn extends Base {
        private final com.softwaremill.jox.Channel<Object>[] channels;
        private final RetryingProducer[] producers = new RetryingProducer[PRODUCERS];
        private final SelectClause<?>[] clauses;

        @SuppressWarnings({"unchecked", "rawtypes"})
        JoxFanIn(ThreadKind kind) {
            super("jox", kind);
            channels = new com.softwaremill.jox.Channel[PRODUCERS];
            clauses = new SelectClause<?>[PRODUCERS];
            for (int p = 0; p < PRODUCERS; p++) {
                com.softwaremill.jox.Channel<Object> c = com.softwaremill.jox.Channel.newRendezvousChannel();
                channels[p] = c;
                clauses[p] = c.receiveClause();
                producers[p] = new RetryingProducer(p) {
                    @Override
                    void send(Token item) throws InterruptedException {
                        c.send(item);
                    }
                };
            }
            RetryingProducer helper = producers[1];
            startHelper("producer 1", helper::run);
        }

        @Override
        @SuppressWarnings("unchecked")
        void run(int n) throws InterruptedException {
            final SelectClause<Object>[] cs = (SelectClause<Object>[]) clauses;
            for (int i = 0; i < n; i++) {
                check(Select.select(cs));
            }
        }

        @Override
        public void serve() throws InterruptedException {
            producers[0].run();
        }

        @Override
        void closeContender() {
            for (com.softwaremill.jox.Channel<Object> c : channels) {
                c.done();
            }
        }
    }

    static final class QueueFanIn extends Base {
        private final SynchronousQueue<Object> queue = new SynchronousQueue<>();
        private final RetryingProducer[] producers = new RetryingProducer[PRODUCERS];

        QueueFanIn(ThreadKind kind) {
            super("synchronousQueue", kind);
            for (int p = 0; p < PRODUCERS; p++) {
                producers[p] = new RetryingProducer(p) {
                    @Override
                    void send(Token item) throws InterruptedException {
                        queue.put(item);
                    }
                };
            }
            RetryingProducer helper = producers[1];
            startHelper("producer 1", helper::run);
        }

        @Override
        void run(int n) throws InterruptedException {
            final SynchronousQueue<Object> q = queue;
            for (int i = 0; i < n; i++) {
                check(q.take());
            }
        }

        @Override
        public void serve() throws InterruptedException {
            producers[0].run();
        }

        @Override
        void closeContender() {
        }
    }
}
