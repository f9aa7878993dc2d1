package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The third example of the Python original: a channel as an adapter in front of a pipeline of
 * iterators. The producer pushes items into the channel by calling {@code send}; the pipeline
 * pulls them out of the other end with an iterator, combines them in pairs, and a consumer prints
 * the result.
 *
 * <pre>
 * Combining: Item 1 Item 2
 * Combining: Item 3 Item 4
 * </pre>
 */
public final class Pipeline {
    private Pipeline() {
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
    static void produce(Endpoint<Void, String> sender) throws InterruptedException {
        try (var out = sender.open()) {
            out.send("Item 1");
            out.send("Item 2");
            out.send("Item 3");
            out.send("Item 4");
        }
    }

    static Iterator<String> transform(Iterable<String> receiver) {
        Iterator<String> items = receiver.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public String next() {
                return String.join(" ", "Combining:", items.next(), items.next());
            }
        };
    }

    static void consume(Iterator<String> combined, PrintStream out) {
        combined.forEachRemaining(out::println);
    }

    public static void run(WaitStrategy strategy, ThreadFactory threads, PrintStream out)
            throws InterruptedException, ExecutionException {
        Channel<String, Void> c = Channels.create(strategy);
        try (var executor = Executors.newThreadPerTaskExecutor(threads)) {
            var producer = executor.submit(() -> {
                produce(c.second());
                return null;
            });
            var consumer = executor.submit(() -> consume(transform(c.first()), out));
            producer.get(); // rethrows what the thread threw
            consumer.get();
        }
    }
    // README-END
}
