package dev.channels.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.testing.Config;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The code of the README section "Batching", which must stay identical to the blocks marked
 * {@code README:batching} here; these tests compile it, run it and check its output.
 */
class BatchReadmeExampleTest {
    /** The default channel's strategy on a platform thread, for the snippet's peers. */
    static final Config PLATFORM = new Config("spinThenPark/platform", WaitStrategy.spinThenPark(), false);

    /** The main example: what it prints. */
    static final String OUTPUT = """
            [1, 2, 3, 4, 5]
            [6, 7, 8]
            [9, 10, 11]
            """;

    static void example() throws InterruptedException {
        // README:batching:example begin
        Channel<Integer, Void> ch = Channels.create();
        Endpoint<Integer, Void> consumer = ch.first();   // receives Integer
        Endpoint<Void, Integer> producer = ch.second();  // sends Integer

        Thread.ofVirtual().start(() -> {
            try (producer) {
                Integer[] chunk = {1, 2, 3, 4, 5, 6, 7, 8};
                producer.sendAll(chunk, 0, chunk.length);  // one handoff; returns once all were taken
                producer.sendAll(List.of(9, 10, 11));      // pulled on the consumer's thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Integer[] buffer = new Integer[5];
        for (int n; (n = consumer.receiveInto(buffer, 0, buffer.length)) != -1; ) {
            System.out.println(Arrays.asList(buffer).subList(0, n));
        }
        // README:batching:example end
    }

    /** The README example prints each receiveInto's items: a batch of 8 in two calls, an iterator of 3 in one. */
    @Test
    @Timeout(20)
    void exampleRunsAndPrints() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            example();
        } finally {
            System.setOut(original);
        }
        assertEquals(OUTPUT, captured.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    /** What the part-way snippet put back after a close. */
    static final List<Integer> REQUEUED = Collections.synchronizedList(new ArrayList<>());

    static void requeue(List<Integer> rest) {
        REQUEUED.addAll(rest);
    }

    /** The README's part-way snippet: after an interrupt it resumes with the rest, after a close it requeues the rest. */
    static void sendPartWay(Endpoint<Void, Integer> producer, Integer[] items) throws InterruptedException {
        // README:batching:part-way begin
        try {
            producer.sendAll(items, 0, items.length);
        } catch (InterruptedException e) {
            int sent = producer.taken();                          // items[0 .. sent) went over
            if (producer.isReplyPending()) {
                producer.receive();                               // some did: wait for its next request
            }
            producer.sendAll(items, sent, items.length - sent);   // then send the rest
        } catch (ChannelClosedException e) {
            int sent = producer.taken();                          // the rest is still ours
            requeue(Arrays.asList(items).subList(sent, items.length));
        }
        // README:batching:part-way end
    }

    /** The part-way snippet resumes after an interrupt: the consumer gets every item once. */
    @Test
    @Timeout(20)
    void partWayResumesAfterAnInterrupt() throws Exception {
        Channel<Integer, Void> ch = Channels.create();
        Endpoint<Integer, Void> consumer = ch.first();
        Endpoint<Void, Integer> producer = ch.second();
        REQUEUED.clear();
        Peer<Void> peer = PLATFORM.start("producer", () -> {
            try (producer) {
                sendPartWay(producer, Items.seq(0, 10));
            }
            return null;
        });
        Integer[] buffer = new Integer[3];
        List<Integer> got = new ArrayList<>(Items.region(buffer, 0, consumer.receiveInto(buffer, 0, 3)));
        Probe.awaitWaitingInChannel(peer.thread());
        peer.thread().interrupt();
        got.addAll(Items.drain(consumer, buffer));
        peer.join();
        assertEquals(Items.list(0, 10), got);
        assertEquals(List.of(), REQUEUED);
    }

    /** The part-way snippet keeps what was not taken when the consumer closes. */
    @Test
    @Timeout(20)
    void partWayKeepsTheRestAfterAClose() throws Exception {
        Channel<Integer, Void> ch = Channels.create();
        Endpoint<Integer, Void> consumer = ch.first();
        Endpoint<Void, Integer> producer = ch.second();
        REQUEUED.clear();
        Peer<Void> peer = PLATFORM.start("producer", () -> {
            sendPartWay(producer, Items.seq(0, 10));
            return null;
        });
        Integer[] buffer = new Integer[4];
        assertEquals(4, consumer.receiveInto(buffer, 0, 4));
        consumer.close();
        peer.join();
        assertEquals(Items.list(4, 6), REQUEUED);
    }

    /**
     * The README's "Batching" section shows exactly the code marked here: its first two Java
     * blocks are the marked regions (modulo indentation), and the output block after the first
     * is {@link #OUTPUT}.
     */
    @Test
    void readmeShowsThisCode() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isRegularFile(root.resolve("README.md"))
                || !java.nio.file.Files.isDirectory(root.resolve("channels-tests"))) {
            root = root.getParent();
        }
        List<String> readme = java.nio.file.Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Batching");
        org.junit.jupiter.api.Assertions.assertTrue(section >= 0, "README has a Batching section");
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (int i = section + 1; i < readme.size() && !readme.get(i).startsWith("## "); i++) {
            String line = readme.get(i);
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new ArrayList<>();
                } else {
                    blocks.add(current);
                    current = null;
                }
            } else if (current != null) {
                current.add(line);
            }
        }
        List<String> source = java.nio.file.Files.readAllLines(root.resolve(
                "channels-tests/src/test/java/dev/channels/batch/BatchReadmeExampleTest.java"), StandardCharsets.UTF_8);
        assertEquals(marked(source, "example"), stripped(blocks.get(0)), "README example block");
        assertEquals(OUTPUT.strip(), String.join("\n", blocks.get(1)).strip(), "README output block");
        assertEquals(marked(source, "part-way"), stripped(blocks.get(2)), "README part-way block");
    }

    private static List<String> marked(List<String> source, String name) {
        int begin = source.indexOf(source.stream().filter(l -> l.strip().equals("// README:batching:" + name + " begin"))
                .findFirst().orElseThrow());
        int end = source.indexOf(source.stream().filter(l -> l.strip().equals("// README:batching:" + name + " end"))
                .findFirst().orElseThrow());
        return stripped(source.subList(begin + 1, end));
    }

    private static List<String> stripped(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
