package dev.channels.examples;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.WaitStrategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * A server: three clients call {@code reply = client.send(request)}, and one server thread answers
 * them all. It selects over its ends of their channels and hands each reply over with
 * {@link Arrival#post}, which returns at once: the server never waits for a client. A client
 * leaves by closing its endpoint, which the server sees as that member's close; the server stops
 * when every client has left.
 *
 * <pre>
 * client 0: 1 squared is 1, 2 squared is 4, 3 squared is 9
 * client 1: 4 squared is 16, 5 squared is 25, 6 squared is 36
 * client 2: 7 squared is 49, 8 squared is 64, 9 squared is 81
 * one server thread answered 9 requests from 3 clients
 * </pre>
 */
public final class RpcServer {
    private RpcServer() {
    }

    /**
     * Runs the example on virtual threads with the default wait strategy.
     *
     * @param args ignored
     * @throws Exception if a thread of the example failed
     */
    public static void main(String[] args) throws Exception {
        run(WaitStrategy.spinThenPark(), Thread.ofVirtual().factory(), System.out);
    }

    // README-BEGIN
    /** Asks three questions, each a blocking call that returns the server's reply, then leaves. */
    static String client(int id, Endpoint<String, Integer> connection) throws InterruptedException {
        List<String> replies = new ArrayList<>();
        try (connection) {                                     // closing tells the server we left
            for (int n = 3 * id + 1; n <= 3 * id + 3; n++) {
                replies.add(connection.send(n));               // request, then wait for the reply
            }
        }
        return "client " + id + ": " + String.join(", ", replies);
    }

    /** Answers every client's requests from one thread; returns how many it answered. */
    static int serve(List<Endpoint<Integer, String>> connections) throws InterruptedException {
        int answered = 0;
        try (Selector<Integer, String> server = Selector.of(connections)) {
            while (server.size() > 0) {                         // clients still connected
                Arrival<Integer, String> a = server.select();
                if (!a.isClosed()) {                            // a request, not a client leaving
                    int n = a.value();
                    a.post(n + " squared is " + n * n);         // returns at once
                    answered++;
                }
            }
        }
        return answered;
    }
    // README-END

    public static void run(WaitStrategy strategy, ThreadFactory threads, PrintStream out)
            throws InterruptedException, ExecutionException {
        List<Endpoint<Integer, String>> connections = new ArrayList<>();
        List<Future<String>> clients = new ArrayList<>();
        try (var executor = Executors.newThreadPerTaskExecutor(threads)) {
            for (int id = 0; id < 3; id++) {
                Channel<Integer, String> c = Channels.create(strategy);
                connections.add(c.first());
                int client = id;
                clients.add(executor.submit(() -> client(client, c.second())));
            }
            int answered = serve(connections);
            for (Future<String> c : clients) {
                out.println(c.get());                           // rethrows what the thread threw
            }
            out.println("one server thread answered " + answered + " requests from " + clients.size() + " clients");
        }
    }
}
