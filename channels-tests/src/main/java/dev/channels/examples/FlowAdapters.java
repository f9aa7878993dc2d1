package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Flows;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * The {@code java.util.concurrent.Flow} adapters: a publisher made from a generator body, a
 * subscriber that feeds a channel, and the JDK's own {@code SubmissionPublisher} read with a
 * plain loop. Demand flows back from the loop: each item is produced when the loop asks for it.
 *
 * <pre>
 * 1 4 9 16 25
 * hello world
 * </pre>
 */
public final class FlowAdapters {
    private FlowAdapters() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    // README-BEGIN
    public static void run(PrintStream out) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // a cold publisher: every subscriber gets its own run of the body
            Flow.Publisher<Integer> numbers = Flows.publisher(executor, o -> {
                for (int i = 1; i <= 5; i++) {
                    o.send(i);
                }
            });
            // a subscriber that feeds a channel; a plain loop reads the other end
            Channel<Integer, Void> squares = Channels.create();
            numbers.subscribe(Flows.subscriber(executor, squares.second()));
            StringBuilder line = new StringBuilder();
            for (int n : squares.first()) {          // ends with onComplete
                line.append(n * n).append(' ');
            }
            out.println(line.toString().strip());

            // any Flow.Publisher, here the JDK's
            Channel<String, Void> words = Channels.create();
            try (var publisher = new SubmissionPublisher<String>(executor, Flow.defaultBufferSize())) {
                publisher.subscribe(Flows.subscriber(executor, words.second()));
                publisher.submit("hello");
                publisher.submit("world");
            }   // close: onComplete after the items
            out.println(String.join(" ", words.first()));
        }   // returns once every task has ended
    }
    // README-END
}
