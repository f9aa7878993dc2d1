package dev.channels.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.examples.Fibonacci;
import dev.channels.examples.FlowAdapters;
import dev.channels.examples.Inversion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README sections on the adaptors show the examples in
 * {@code channels-tests/src/main/java/dev/channels/examples/}: each runs and prints exactly its
 * documented output, and the README's block after {@code <!-- example: Name -->} is the code
 * between the class's {@code // README-BEGIN} and {@code // README-END} lines.
 */
class ReadmeSectionsTest {
    private static final Map<String, List<String>> OUTPUT = Map.of(
            "Fibonacci", List.of("0 1 1 2 3 5 8 13 21 34", "[0, 2, 8, 34, 144]"),
            "Inversion", List.of("Combining: Item 1 Item 2", "Combining: Item 3 Item 4", "2 pairs", "{3=2, 5=2}"),
            "FlowAdapters", List.of("1 4 9 16 25", "hello world"));

    /** Each example prints exactly its documented output (and returns: no thread is left behind). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Fibonacci", "Inversion", "FlowAdapters"})
    @Timeout(20)
    void exampleRunsAndPrintsItsOutput(String example) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        switch (example) {
            case "Fibonacci" -> Fibonacci.run(out);
            case "Inversion" -> Inversion.run(out);
            case "FlowAdapters" -> FlowAdapters.run(out);
            default -> throw new AssertionError(example);
        }
        assertEquals(OUTPUT.get(example), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Once the sections are in the README, its code and output blocks are the example's. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Fibonacci", "Inversion", "FlowAdapters"})
    void readmeShowsTheExample(String example) throws IOException {
        Path root = root();
        List<String> readme = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("<!-- example: " + example + " -->");
        Assumptions.assumeTrue(at >= 0, "the README has no section for " + example + " yet");
        List<List<String>> blocks = fencedBlocks(readme, at + 1);
        assertTrue(blocks.size() >= 2, "a java block and a text block follow the marker of " + example);
        List<String> source = Files.readAllLines(
                root.resolve("channels-tests/src/main/java/dev/channels/examples/" + example + ".java"));
        List<String> marked = source.subList(indexOfStripped(source, "// README-BEGIN") + 1,
                indexOfStripped(source, "// README-END"));
        assertEquals("java", blocks.get(0).get(0));
        assertEquals(dedent(marked), dedent(blocks.get(0).subList(1, blocks.get(0).size())));
        assertEquals("text", blocks.get(1).get(0));
        assertEquals(OUTPUT.get(example), blocks.get(1).subList(1, blocks.get(1).size()));
    }

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("channels-tests"))) {
                return p;
            }
        }
        throw new AssertionError("no README.md next to channels-tests");
    }

    private static int indexOfStripped(List<String> lines, String line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(line)) {
                return i;
            }
        }
        throw new AssertionError("no line " + line);
    }

    /** The fenced blocks from {@code from} up to the next heading or marker; each starts with its language. */
    private static List<List<String>> fencedBlocks(List<String> readme, int from) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (int i = from; i < readme.size(); i++) {
            String line = readme.get(i);
            if (block == null) {
                if (line.startsWith("#") || line.startsWith("<!-- example:")) {
                    break;
                }
                if (line.startsWith("```")) {
                    block = new ArrayList<>();
                    block.add(line.substring(3).strip());
                }
            } else if (line.startsWith("```")) {
                blocks.add(block);
                block = null;
            } else {
                block.add(line);
            }
        }
        return blocks;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
