package dev.channels.examples;

import dev.channels.Sink;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A sink: the pipeline example of the Python original, turned around. The pull-style code (it
 * iterates its input, or collects a stream) stays as it is; push-style code feeds it with
 * {@code send}, and gets its result from {@code finish}.
 *
 * <pre>
 * Combining: Item 1 Item 2
 * Combining: Item 3 Item 4
 * 2 pairs
 * {3=2, 5=2}
 * </pre>
 */
public final class Inversion {
    private Inversion() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if the example failed
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    // README-BEGIN
    /** Pull-style code: iterates its input, combines the items in pairs, returns how many. */
    static int combine(Iterable<String> items, PrintStream out) {
        int pairs = 0;
        Iterator<String> it = items.iterator();
        while (it.hasNext()) {
            out.println(String.join(" ", "Combining:", it.next(), it.next()));
            pairs++;
        }
        return pairs;
    }

    public static void run(PrintStream out) throws InterruptedException, ExecutionException {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            try (Sink<String, Integer> pipeline = Sink.of(executor, in -> combine(in, out))) {
                pipeline.send("Item 1");   // push-style code drives the pull-style code
                pipeline.send("Item 2");
                pipeline.send("Item 3");
                pipeline.send("Item 4");
                out.println(pipeline.finish() + " pairs");
            }

            try (Sink<String, Map<Integer, Long>> lengths = Sink.of(executor, in -> in.stream()
                    .collect(Collectors.groupingBy(String::length, Collectors.counting())))) {
                lengths.sendAll(List.of("the", "quick", "brown", "fox"));
                out.println(lengths.finish());
            }
        }   // returns once every task has ended
    }
    // README-END
}
