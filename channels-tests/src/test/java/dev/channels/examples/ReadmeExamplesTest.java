package dev.channels.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.WaitStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README shows the code of each example class as it is (between its {@code README-BEGIN} and
 * {@code README-END} lines) and the output the class really prints, so neither can rot.
 */
class ReadmeExamplesTest {
    private static final String BEGIN = "// README-BEGIN";
    private static final String END = "// README-END";

    /** The java block after {@code <!-- example: Name -->} in the README is the marked part of the class. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TwoChannels", "Bidirectional", "Pipeline"})
    void readmeShowsTheCodeOfTheClass(String example) throws IOException {
        List<String> source = Files.readAllLines(sourceOf(example), StandardCharsets.UTF_8);
        List<String> marked = between(source, example);
        List<List<String>> blocks = readmeBlocks(example);
        assertEquals("java", blocks.get(0).get(0), "the first block after the marker of " + example + " is java");
        assertEquals(dedent(marked), dedent(blocks.get(0).subList(1, blocks.get(0).size())),
                "README block of " + example + " differs from the lines between " + BEGIN + " and " + END
                        + " in " + sourceOf(example));
    }

    /** The block after the code in the README is the exact output of the example. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TwoChannels", "Bidirectional", "Pipeline"})
    @Timeout(20)
    void readmeShowsTheOutputOfTheClass(String example) throws Exception {
        List<List<String>> blocks = readmeBlocks(example);
        assertTrue(blocks.size() >= 2, "no output block after the code of " + example + " in the README");
        assertEquals("text", blocks.get(1).get(0), "the output block of " + example + " is a text block");
        Output out = new Output();
        var threads = Thread.ofVirtual().factory();
        switch (example) {
            case "TwoChannels" -> TwoChannels.run(WaitStrategy.spinThenPark(), threads, out.stream);
            case "Bidirectional" -> Bidirectional.run(WaitStrategy.spinThenPark(), threads, out.stream);
            case "Pipeline" -> Pipeline.run(WaitStrategy.spinThenPark(), threads, out.stream);
            default -> throw new AssertionError(example);
        }
        assertEquals(out.lines(), blocks.get(1).subList(1, blocks.get(1).size()),
                "README output of " + example + " differs from what it prints");
    }

    /** The module's directory (Surefire runs tests there), then the project root above it. */
    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("channels-tests"))) {
                return p;
            }
        }
        throw new AssertionError("no README.md next to channels-tests above " + dir);
    }

    private static Path sourceOf(String example) {
        return root().resolve("channels-tests/src/main/java/dev/channels/examples/" + example + ".java");
    }

    /** The lines strictly between the class's only BEGIN and END lines. */
    private static List<String> between(List<String> source, String example) {
        List<Integer> begins = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i).strip();
            if (line.equals(BEGIN)) {
                begins.add(i);
            } else if (line.equals(END)) {
                ends.add(i);
            }
        }
        assertEquals(1, begins.size(), example + " has one " + BEGIN + " line");
        assertEquals(1, ends.size(), example + " has one " + END + " line");
        assertTrue(begins.get(0) < ends.get(0), example + ": " + BEGIN + " comes before " + END);
        return source.subList(begins.get(0) + 1, ends.get(0));
    }

    /**
     * The fenced blocks that follow the README line {@code <!-- example: Name -->}, up to the next
     * heading or marker; each block starts with its info string (the language).
     */
    private static List<List<String>> readmeBlocks(String example) throws IOException {
        List<String> readme = Files.readAllLines(root().resolve("README.md"), StandardCharsets.UTF_8);
        String marker = "<!-- example: " + example + " -->";
        int at = -1;
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).strip().equals(marker)) {
                assertEquals(-1, at, "the README has one line " + marker);
                at = i;
            }
        }
        assertTrue(at >= 0, "the README has no line " + marker);
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (int i = at + 1; i < readme.size(); i++) {
            String line = readme.get(i);
            if (block == null) {
                if (line.startsWith("#") || line.strip().startsWith("<!-- example:")) {
                    break;
                }
                if (line.strip().startsWith("```")) {
                    block = new ArrayList<>();
                    block.add(line.strip().substring(3).strip());
                }
            } else if (line.strip().equals("```")) {
                blocks.add(block);
                block = null;
            } else {
                block.add(line);
            }
        }
        assertFalse(blocks.isEmpty(), "no code block follows " + marker + " in the README");
        return blocks;
    }

    /** Removes the indentation common to all non-blank lines, and trailing blanks. */
    private static List<String> dedent(List<String> lines) {
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                common = Math.min(common, line.length() - line.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(common).stripTrailing());
        }
        return out;
    }
}
