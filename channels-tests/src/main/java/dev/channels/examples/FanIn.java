package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.WaitStrategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Fan-in: three producers, one consumer that iterates {@link Selector#fanIn(List)} over its ends
 * of their channels. The set asks a producer for its next value only when the consumer starts
 * the next select, so every producer's {@code send} returns after the consumer has handled the
 * value. Which producer comes first varies; each producer's values come in its own order.
 *
 * <pre>
 * A: A1 A2 A3
 * B: B1 B2 B3
 * C: C1 C2 C3
 * 9 values; every send returned after the consumer had handled its value: true
 * </pre>
 */
public final class FanIn {
    private FanIn() {
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
    /** Sends three values; each send returns when the consumer asks this producer for more. */
    static boolean produce(String name, Endpoint<Void, String> sender, Set<String> handled)
            throws InterruptedException {
        boolean lazy = true;
        try (var out = sender.open()) {
            for (int i = 1; i <= 3; i++) {
                String value = name + i;
                out.send(value);
                lazy &= handled.contains(value); // the consumer handled it before asking for more
            }
        }
        return lazy;
    }

    /** One thread takes the values of every producer, whichever is ready, until all have closed. */
    static Map<String, List<String>> consume(List<Endpoint<String, Void>> receivers, Set<String> handled) {
        Map<String, List<String>> byProducer = new TreeMap<>();
        for (String value : Selector.fanIn(receivers)) {
            byProducer.computeIfAbsent(value.substring(0, 1), k -> new ArrayList<>()).add(value);
            handled.add(value);
        }
        return byProducer;
    }
    // README-END

    public static void run(WaitStrategy strategy, ThreadFactory threads, PrintStream out)
            throws InterruptedException, ExecutionException {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        List<Endpoint<String, Void>> receivers = new ArrayList<>();
        List<Future<Boolean>> producers = new ArrayList<>();
        try (var executor = Executors.newThreadPerTaskExecutor(threads)) {
            for (String name : List.of("A", "B", "C")) {
                Channel<String, Void> c = Channels.create(strategy);
                receivers.add(c.first());
                producers.add(executor.submit(() -> produce(name, c.second(), handled)));
            }
            Map<String, List<String>> byProducer = consume(receivers, handled);
            boolean lazy = true;
            for (Future<Boolean> p : producers) {
                lazy &= p.get(); // rethrows what the thread threw
            }
            byProducer.forEach((name, values) -> out.println(name + ": " + String.join(" ", values)));
            out.println(handled.size() + " values; every send returned after the consumer had handled its value: "
                    + lazy);
        }
    }
}
