package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.ScopeOption;
import dev.channels.WaitStrategy;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The second example of the Python original: a channel used in both directions. {@code numbers}
 * holds the first endpoint, which starts by receiving, so it opens its scope without
 * {@link ScopeOption#START} (Python's {@code start=False}); {@code letters} holds the second. When
 * {@code letters} leaves its scope, it closes the channel, and the scope of {@code numbers} ends
 * quietly too: {@link ScopeOption#CLEAR} swallows the end of the channel.
 *
 * <pre>
 * A
 * 0
 * B
 * 1
 * </pre>
 */
public final class Bidirectional {
    private Bidirectional() {
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
    static void numbers(Endpoint<String, Integer> c, PrintStream out) throws InterruptedException {
        c.open(EnumSet.of(ScopeOption.CLEAR, ScopeOption.CLOSE), n -> { // start=False
            out.println(n.receive());
            for (int i = 0; ; i++) {
                out.println(n.send(i));
            }
        });
    }

    static void letters(Endpoint<Integer, String> c, PrintStream out) throws InterruptedException {
        c.open(l -> {
            out.println(l.send("A"));
            out.println(l.send("B"));
        });
    }

    public static void run(WaitStrategy strategy, ThreadFactory threads, PrintStream out)
            throws InterruptedException, ExecutionException {
        Channel<String, Integer> c = Channels.create(strategy);
        try (var executor = Executors.newThreadPerTaskExecutor(threads)) {
            var left = executor.submit(() -> {
                numbers(c.first(), out);
                return null;
            });
            var right = executor.submit(() -> {
                letters(c.second(), out);
                return null;
            });
            left.get(); // rethrows what the thread threw
            right.get();
        }
    }
    // README-END
}
