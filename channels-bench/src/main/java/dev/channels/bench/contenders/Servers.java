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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * A server: {@value #CLIENTS} clients each send a request and wait for its reply, one server
 * answers whichever request is ready. The driver (timed) is the server; the partner is client 0;
 * client 1 runs on a helper thread (see {@link Helpers}). One operation is one request answered.
 * Client {@code c} sends the tokens {@code c, c + 2, ...} and checks every reply
 * ({@link Token#next()} of its request); the server checks that each request came from the client
 * its token names.
 *
 * <p>Contenders, by {@code @Param} name:
 * <ul>
 * <li>{@code channels-<strategy>}: {@link Selector#of} over the first endpoints of one channel per
 *     client, a server loop of {@code a = a.send(reply)} ({@link Arrival#send}: the reply handed
 *     over, then the next select, in one call); clients {@code reply = send(request)} on the
 *     second endpoints;</li>
 * <li>{@code channelsPost-<strategy>}: the same with {@code select()} and {@link Arrival#post} as
 *     two calls (the set taken twice per request);</li>
 * <li>{@code oneActive-<strategy>}: the same set of 2 members with only client 0 (the partner)
 *     running: a select over 2 endpoints, for the comparison with {@code single-};</li>
 * <li>{@code single-<strategy>}: a plain ping-pong on one channel, the server's
 *     {@code request = send(reply)} (no select);</li>
 * <li>{@code jox}: one request and one reply rendezvous channel per client; the server's
 *     {@code Select.select} over the request channels' receive clauses (created once, reused),
 *     then {@code send} on that client's reply channel;</li>
 * <li>{@code synchronousQueue}: one request queue shared by the clients, one reply queue per
 *     client: {@code take} the request, {@code put} the reply.</li>
 * </ul>
 */
public final class Servers {
    /** Clients of the server contenders ({@code oneActive-} and {@code single-} run one). */
    public static final int CLIENTS = 2;

    private Servers() {
    }

    /**
     * Creates a server contender and starts its helper threads.
     *
     * @param name the {@code @Param} name
     * @param kind the kind of the helper threads
     * @return a new contender
     */
    public static Workload create(String name, ThreadKind kind) {
        int dash = name.indexOf('-');
        String family = dash < 0 ? name : name.substring(0, dash);
        return switch (family) {
            case "channels" -> new ChannelServer(name, kind, strategy(name), true, true);
            case "channelsPost" -> new ChannelServer(name, kind, strategy(name), true, false);
            case "oneActive" -> new ChannelServer(name, kind, strategy(name), false, true);
            case "single" -> new SingleServer(name, kind, strategy(name));
            case "jox" -> new JoxServer(kind);
            case "synchronousQueue" -> new QueueServer(kind);
            default -> throw new IllegalArgumentException("unknown server contender " + name);
        };
    }

    private static WaitStrategy strategy(String name) {
        return Strategies.of(name.substring(name.indexOf('-') + 1));
    }

    abstract static class Base extends Helpers {
        private final String name;

        Base(String name, ThreadKind kind) {
            super(kind);
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static void checkReply(Object client, Token request, Object reply) {
        if (reply != request.next()) {
            throw new IllegalStateException(client + ": sent " + request + ", got " + reply + " instead of "
                    + request.next());
        }
    }

    /** A client on our channel's second endpoint; resumes after the rig's interrupt. */
    static final class ChannelClient {
        private final Endpoint<Object, Object> out;
        private int next;

        ChannelClient(Endpoint<Object, Object> out, int first) {
            this.out = out;
            this.next = first;
        }

        void run() throws InterruptedException {
            if (out.isReplyPending()) { // interrupted after the request was taken: take the reply
                checkReply(this, Token.at(next), out.receive());
                next += 2;
            }
            for (;;) {
                Token request = Token.at(next);
                checkReply(this, request, out.send(request));
                next += 2;
            }
        }

        @Override
        public String toString() {
            return "client " + (next & 1);
        }
    }

    static final class ChannelServer extends Base {
        private final List<Channel<Object, Object>> channels = new ArrayList<>();
        private final ChannelClient[] clients = new ChannelClient[CLIENTS];
        private final Selector<Object, Object> server;

        /** Answer with Arrival.send (post and the next select in one call) rather than post, then select. */
        private final boolean fused;

        ChannelServer(String name, ThreadKind kind, WaitStrategy strategy, boolean both, boolean fused) {
            super(name, kind);
            this.fused = fused;
            List<Endpoint<Object, Object>> members = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Channel<Object, Object> ch = Channels.create(strategy);
                channels.add(ch);
                members.add(ch.first());
                clients[c] = new ChannelClient(ch.second(), c);
            }
            server = Selector.of(members);
            if (both) {
                ChannelClient helper = clients[1];
                startHelper("client 1", helper::run);
            }
        }

        @Override
        void run(int n) throws InterruptedException {
            final Selector<Object, Object> s = server;
            Arrival<Object, Object> a = s.select();
            for (int i = 0; i < n; i++) {
                Object reply = check(a).next();
                if (i == n - 1) {
                    a.post(reply); // the invocation's last: nothing more to select
                } else if (fused) {
                    a = a.send(reply); // the reply, then the next select, in one call
                } else {
                    a.post(reply); // the reply, handed over without waiting
                    a = s.select();
                }
            }
        }

        private Token check(Arrival<Object, Object> a) {
            if (a.isClosed()) {
                throw new IllegalStateException(this + ": member " + a.index() + " closed", a.cause());
            }
            Token request = (Token) a.value();
            if ((request.id() & 1) != a.index()) {
                throw new IllegalStateException(this + ": " + request + " arrived at member " + a.index());
            }
            return request;
        }

        @Override
        public void serve() throws InterruptedException {
            clients[0].run();
        }

        @Override
        void closeContender() {
            for (Channel<Object, Object> c : channels) {
                c.first().close();
            }
        }
    }

    static final class SingleServer extends Base {
        private final Channel<Object, Object> channel;
        private final ChannelClient client;
        /** The request received and not answered yet; driver only. */
        private Token held;

        SingleServer(String name, ThreadKind kind, WaitStrategy strategy) {
            super(name, kind);
            channel = Channels.create(strategy);
            client = new ChannelClient(channel.second(), 0);
        }

        @Override
        void run(int n) throws InterruptedException {
            final Endpoint<Object, Object> e = channel.first();
            Token h = held;
            for (int i = 0; i < n; i++) {
                Token request = (Token) (h == null ? e.receive() : e.send(h.next()));
                if ((request.id() & 1) != 0) {
                    throw new IllegalStateException(this + ": " + request + " is not client 0's");
                }
                h = request;
            }
            held = h;
        }

        @Override
        public void serve() throws InterruptedException {
            client.run();
        }

        @Override
        void closeContender() {
            channel.first().close();
        }
    }

    /** A client with a request and a reply queue or channel; resumes after the rig's interrupt. */
    abstract static class TwoStepClient {
        private int next;
        private boolean sent;

        TwoStepClient(int first) {
            this.next = first;
        }

        abstract void send(Token request) throws InterruptedException;

        abstract Object receive() throws InterruptedException;

        final void run() throws InterruptedException {
            for (;;) {
                Token request = Token.at(next);
                if (!sent) {
                    send(request); // interrupted: not handed over, sent again on resume
                    sent = true;
                }
                checkReply(this, request, receive()); // interrupted: the reply is still to come
                sent = false;
                next += 2;
            }
        }

        @Override
        public String toString() {
            return "client " + (next & 1);
        }
    }

    static final class JoxServer extends Base {
        private final com.softwaremill.jox.Channel<Object>[] requests;
        private final com.softwaremill.jox.Channel<Object>[] replies;
        private final SelectClause<?>[] clauses;
        private final TwoStepClient[] clients = new TwoStepClient[CLIENTS];

        @SuppressWarnings({"unchecked", "rawtypes"})
        JoxServer(ThreadKind kind) {
            super("jox", kind);
            requests = new com.softwaremill.jox.Channel[CLIENTS];
            replies = new com.softwaremill.jox.Channel[CLIENTS];
            clauses = new SelectClause<?>[CLIENTS];
            for (int c = 0; c < CLIENTS; c++) {
                com.softwaremill.jox.Channel<Object> in = com.softwaremill.jox.Channel.newRendezvousChannel();
                com.softwaremill.jox.Channel<Object> out = com.softwaremill.jox.Channel.newRendezvousChannel();
                requests[c] = in;
                replies[c] = out;
                clauses[c] = in.receiveClause();
                clients[c] = new TwoStepClient(c) {
                    @Override
                    void send(Token request) throws InterruptedException {
                        in.send(request);
                    }

                    @Override
                    Object receive() throws InterruptedException {
                        return out.receive();
                    }
                };
            }
            TwoStepClient helper = clients[1];
            startHelper("client 1", helper::run);
        }

        @Override
        @SuppressWarnings("unchecked")
        void run(int n) throws InterruptedException {
            final SelectClause<Object>[] cs = (SelectClause<Object>[]) clauses;
            for (int i = 0; i < n; i++) {
                Token request = (Token) Select.select(cs);
                replies[request.id() & 1].send(request.next());
            }
        }

        @Override
        public void serve() throws InterruptedException {
            clients[0].run();
        }

        @Override
        void closeContender() {
            for (int c = 0; c < CLIENTS; c++) {
                requests[c].done();
                replies[c].done();
            }
        }
    }

    static final class QueueServer extends Base {
        private final SynchronousQueue<Object> requests = new SynchronousQueue<>();
        @SuppressWarnings({"unchecked", "rawtypes"})
        private final SynchronousQueue<Object>[] replies = new SynchronousQueue[CLIENTS];
        private final TwoStepClient[] clients = new TwoStepClient[CLIENTS];

        QueueServer(ThreadKind kind) {
            super("synchronousQueue", kind);
            for (int c = 0; c < CLIENTS; c++) {
                SynchronousQueue<Object> out = new SynchronousQueue<>();
                replies[c] = out;
                clients[c] = new TwoStepClient(c) {
                    @Override
                    void send(Token request) throws InterruptedException {
                        requests.put(request);
                    }

                    @Override
                    Object receive() throws InterruptedException {
                        return out.take();
                    }
                };
            }
            TwoStepClient helper = clients[1];
            startHelper("client 1", helper::run);
        }

        @Override
        void run(int n) throws InterruptedException {
            final SynchronousQueue<Object> in = requests;
            for (int i = 0; i < n; i++) {
                Token request = (Token) in.take();
                replies[request.id() & 1].put(request.next());
            }
        }

        @Override
        public void serve() throws InterruptedException {
            clients[0].run();
        }

        @Override
        void closeContender() {
        }
    }
}
