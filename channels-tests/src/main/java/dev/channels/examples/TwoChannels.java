package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The first example of the Python original: one thread sends messages into two channels, and a
 * thread at the other end of each channel shows them. The laziness of a channel fixes the order of
 * the output: a {@code send} returns only once its message was shown and the next one asked for.
 *
 * <pre>
 * Message for Arnold: Hello Arnold.
 * Message for Bernard: Hello Bernard.
 * Message for Arnold: Goodbye Arnold.
 * Message for Bernard: Goodbye Bernard.
 * </pre>
 */
public final class TwoChannels {
    private TwoChannels() {
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
    /** Sends messages into multiple channels. */
    static void sendMessages(Endpoint<Void, String> aSender, Endpoint<Void, String> bSender)
            throws InterruptedException {
        try (var a = aSender.open(); var b = bSender.open()) {
            a.send("Hello Arnold.");
            b.send("Hello Bernard.");
            a.send("Goodbye Arnold.");
            b.send("Goodbye Bernard.");
        }
    }

    /** Shows messages from a single channel. */
    static void showMessages(String name, Endpoint<String, Void> receiver, PrintStream out) {
        for (String message : receiver) {
            out.println("Message for " + name + ": " + message);
        }
    }

    /** Runs both channels concurrently. */
    public static void run(WaitStrategy strategy, ThreadFactory threads, PrintStream out)
            throws InterruptedException, ExecutionException {
        Channel<String, Void> a = Channels.create(strategy);
        Channel<String, Void> b = Channels.create(strategy);
        try (var executor = Executors.newThreadPerTaskExecutor(threads)) {
            var sender = executor.submit(() -> {
                sendMessages(a.second(), b.second());
                return null;
            });
            var arnold = executor.submit(() -> showMessages("Arnold", a.first(), out));
            var bernard = executor.submit(() -> showMessages("Bernard", b.first(), out));
            sender.get(); // rethrows what the thread threw
            arnold.get();
            bernard.get();
        }
    }
    // README-END
}
