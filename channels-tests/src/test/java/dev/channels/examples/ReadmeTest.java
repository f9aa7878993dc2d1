package dev.channels.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Channel;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code README.md} compiles, and every runnable one prints what the
 * README shows, run the way the README says.
 *
 * <h2>The rule for a Java block</h2>
 * What a block is depends on the line right before its opening fence (blank lines skipped), an
 * HTML comment that GitHub does not render:
 * <ul>
 * <li><b>{@code <!-- example: Name -->}</b>: the block is the code of the runnable class
 *     {@code channels-tests/src/main/java/dev/channels/examples/Name.java} between its
 *     {@code // README-BEGIN} and {@code // README-END} lines, and must be exactly those lines
 *     (apart from indentation and trailing blanks). It is compiled in place of them. Before the
 *     next heading or marker, a {@code text} block must show the output and a command block must
 *     hold the one command that runs the example,
 *     {@code java -cp channels-tests/target/classes:channels-core/target/classes dev.channels.examples.Name};
 *     the test runs that command from the repository's root and compares what it prints.</li>
 * <li><b>{@code <!-- fragment -->}</b> or <b>{@code <!-- fragment: DECLARATIONS -->}</b>: the block
 *     is statements that need a context. It is compiled as the body of a method
 *     {@code void fragment() throws Exception} in a class that holds the DECLARATIONS (Java member
 *     declarations: the fields and methods the statements use, e.g.
 *     {@code <!-- fragment: Endpoint<Void, Integer> producer; void requeue(List<Integer> rest) {} -->})
 *     and imports {@code dev.channels.*}, {@code java.io.*}, {@code java.time.*},
 *     {@code java.util.*}, {@code java.util.concurrent.*}, {@code java.util.function.*} and
 *     {@code java.util.stream.*}. Fragments are compiled, not run; a test of their own may run
 *     them (as {@code BatchReadmeExampleTest} does).</li>
 * <li><b>Anything else</b> is a complete compilation unit, pasteable as it stands: imports, then a
 *     top-level class. It is compiled as is, as the file named after its public (or first)
 *     top-level type. If it declares {@code main}, it is run in a new JVM: with the command the
 *     README prints after it ({@code java -cp channels-core/target/classes Name.java}, run in a
 *     directory holding the block as {@code Name.java}), or with the compiled class if the README
 *     gives no command; what it prints must be the {@code text} block after it, if there is one.</li>
 * </ul>
 * A {@code java} block that is none of these (statements or members without a marker) fails,
 * saying so. A run must end within a minute, exit with status 0 and print nothing on stderr; so
 * code that is meant to hang or fail (a forgotten close, say) is shown as a fragment, or as a
 * compilation unit without {@code main}. Blocks are compiled in-process with {@code javax.tools}, with {@code --release 21}
 * (the library's baseline) and only the classes of {@code channels-core} on the class path.
 * Commands run with this JVM's {@code java}; a class-path directory the README names that does not
 * exist (a build of this module alone) is replaced by the directory or jar this test loads the same
 * classes from.
 */
class ReadmeTest {
    private static final String BEGIN = "// README-BEGIN";
    private static final String END = "// README-END";
    private static final Pattern EXAMPLE = Pattern.compile("<!--\\s*example:\\s*(\\w+)\\s*-->");
    private static final Pattern FRAGMENT = Pattern.compile("<!--\\s*fragment\\s*(?::(.*?))?\\s*-->");
    private static final Pattern TYPE = Pattern.compile(
            "^(public\\s+)?(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern MAIN = Pattern.compile("static\\s+void\\s+main\\s*\\(");
    private static final List<String> FRAGMENT_IMPORTS = List.of("dev.channels", "java.io", "java.time",
            "java.util", "java.util.concurrent", "java.util.function", "java.util.stream");
    private static final String EXAMPLES = "channels-tests/src/main/java/dev/channels/examples/";
    private static final long RUN_SECONDS = 60;

    @TempDir
    Path temp;

    /** One test per Java block of the README, named after its line: it compiles, and runs if it can. */
    @TestFactory
    Stream<DynamicTest> everyJavaBlock() throws IOException {
        List<Block> blocks = readme();
        List<Block> java = blocks.stream().filter(b -> b.lang().equals("java")).toList();
        assertFalse(java.isEmpty(), "README.md has no java block");
        return java.stream().map(b -> DynamicTest.dynamicTest(
                "README.md:" + b.line() + " " + kindOf(b), () -> check(b, blocks)));
    }

    /** The README's first snippet is a whole program whose output the README shows. */
    @Test
    void theFirstJavaBlockIsAProgramWithItsOutput() throws IOException {
        List<Block> blocks = readme();
        Block first = blocks.stream().filter(b -> b.lang().equals("java")).findFirst().orElseThrow();
        assertEquals("program", kindOf(first), "README.md:" + first.line() + " is a complete program");
        assertTrue(MAIN.matcher(String.join("\n", first.body())).find(),
                "README.md:" + first.line() + " declares main");
        assertTrue(output(first, blocks) != null, "a text block after README.md:" + first.line() + " shows its output");
    }

    /** Every example class shown in the README by its README-BEGIN/END lines has its section, and each section one command. */
    @Test
    void everyExampleClassIsInTheReadme() throws IOException {
        List<Block> blocks = readme();
        List<String> shown = blocks.stream().filter(b -> b.lang().equals("java"))
                .map(ReadmeTest::exampleName).filter(n -> n != null).toList();
        List<String> marked = new ArrayList<>();
        try (Stream<Path> files = Files.list(root().resolve(EXAMPLES))) {
            for (Path f : files.sorted().toList()) {
                if (Files.readAllLines(f, StandardCharsets.UTF_8).stream().anyMatch(l -> l.strip().equals(BEGIN))) {
                    marked.add(f.getFileName().toString().replace(".java", ""));
                }
            }
        }
        assertEquals(marked.stream().sorted().toList(), shown.stream().sorted().toList(),
                "the example classes with " + BEGIN + " and the README's <!-- example: Name --> markers");
    }

    // ---------------------------------------------------------------- checks

    private void check(Block block, List<Block> all) throws Exception {
        String example = exampleName(block);
        Matcher fragment = FRAGMENT.matcher(block.marker() == null ? "" : block.marker());
        if (example != null) {
            checkExample(block, example, all);
        } else if (fragment.matches()) {
            compileFragment(block, fragment.group(1) == null ? "" : fragment.group(1).strip());
        } else {
            checkProgram(block, all);
        }
    }

    private void checkExample(Block block, String example, List<Block> all) throws Exception {
        Path file = root().resolve(EXAMPLES + example + ".java");
        assertTrue(Files.isRegularFile(file), "README.md:" + block.line() + ": no example class " + file);
        List<String> source = Files.readAllLines(file, StandardCharsets.UTF_8);
        int begin = onlyLine(source, BEGIN, file);
        int end = onlyLine(source, END, file);
        assertTrue(begin < end, file + ": " + BEGIN + " comes before " + END);
        assertEquals(dedent(source.subList(begin + 1, end)), dedent(block.body()),
                "README.md:" + block.line() + " differs from the lines between " + BEGIN + " and " + END + " in " + file);

        List<String> substituted = new ArrayList<>(source.subList(0, begin + 1));
        substituted.addAll(block.body());
        substituted.addAll(source.subList(end, source.size()));
        compile("dev.channels.examples." + example, String.join("\n", substituted), block, begin + 1);

        List<String> expected = output(block, all);
        assertTrue(expected != null, "README.md:" + block.line() + ": no text block shows the output of " + example);
        List<String> command = command(block, all);
        assertTrue(command != null, "README.md:" + block.line() + ": no command runs " + example);
        assertEquals(4, command.size(), "the command is java -cp CLASSPATH CLASS: " + command);
        assertEquals(List.of("java", "-cp"), command.subList(0, 2), "the command is java -cp CLASSPATH CLASS: " + command);
        assertEquals("dev.channels.examples." + example, command.get(3), "the command runs " + example);
        String classPath = classPath(command.get(2), List.of(TwoChannels.class.getProtectionDomain(),
                Channel.class.getProtectionDomain()));
        assertEquals(expected, run(List.of(javaBin(), "-cp", classPath, command.get(3)), root(), block),
                "README.md:" + block.line() + ": what " + String.join(" ", command) + " prints");
    }

    private void compileFragment(Block block, String declarations) throws IOException {
        String name = "ReadmeFragment" + block.line();
        StringBuilder src = new StringBuilder();
        for (String pkg : FRAGMENT_IMPORTS) {
            src.append("import ").append(pkg).append(".*;\n");
        }
        src.append("class ").append(name).append(" {\n");
        src.append(declarations).append('\n');
        src.append("void fragment() throws Exception {\n");
        int header = FRAGMENT_IMPORTS.size() + 3;
        src.append(String.join("\n", block.body())).append("\n}\n}\n");
        compile(name, src.toString(), block, header);
    }

    private void checkProgram(Block block, List<Block> all) throws Exception {
        String text = String.join("\n", block.body());
        Matcher type = TYPE.matcher(text);
        String name = null;
        while (type.find()) {
            if (name == null || type.group(1) != null) {
                name = type.group(2);
                if (type.group(1) != null) {
                    break;
                }
            }
        }
        if (name == null) {
            fail("README.md:" + block.line() + ": a java block is a complete compilation unit (a top-level type), "
                    + "or is marked <!-- fragment: DECLARATIONS --> or <!-- example: Name --> on the line before it; "
                    + "see the Javadoc of " + ReadmeTest.class.getName());
        }
        Matcher pkg = PACKAGE.matcher(text);
        String className = pkg.find() ? pkg.group(1) + "." + name : name;
        Path classes = Files.createDirectories(temp.resolve("classes" + block.line()));
        compile(className, text, block, 0, classes);
        if (!MAIN.matcher(text).find()) {
            return;
        }
        List<String> command = command(block, all);
        List<String> printed;
        if (command == null) {
            printed = run(List.of(javaBin(), "-cp", classes + File.pathSeparator + location(Channel.class.getProtectionDomain()),
                    className), root(), block);
        } else {
            assertEquals(4, command.size(), "the command is java -cp CLASSPATH " + name + ".java: " + command);
            assertEquals(List.of("java", "-cp", name + ".java"), List.of(command.get(0), command.get(1), command.get(3)),
                    "the command is java -cp CLASSPATH " + name + ".java: " + command);
            Path dir = Files.createDirectories(temp.resolve("source" + block.line()));
            Files.writeString(dir.resolve(name + ".java"), text + "\n", StandardCharsets.UTF_8);
            String classPath = classPath(command.get(2), List.of(Channel.class.getProtectionDomain()));
            printed = run(List.of(javaBin(), "-cp", classPath, name + ".java"), dir, block);
        }
        List<String> expected = output(block, all);
        if (expected != null) {
            assertEquals(expected, printed, "README.md:" + block.line() + ": what the program prints");
        }
    }

    // ---------------------------------------------------------------- compiling and running

    private void compile(String className, String source, Block block, int offset) throws IOException {
        compile(className, source, block, offset, Files.createDirectories(temp.resolve("classes" + block.line())));
    }

    /**
     * Compiles one source in-process; a failure names the README lines of the errors ({@code offset}
     * is the line of the source just before the block's first line).
     */
    private static void compile(String className, String source, Block block, int offset, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "no system Java compiler: run the tests on a JDK");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("--release", "21", "-proc:none", "-encoding", "UTF-8",
                "-d", out.toString(), "-classpath", location(Channel.class.getProtectionDomain()));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(file)).call();
            if (!ok) {
                StringBuilder message = new StringBuilder("README.md:" + block.line() + " does not compile:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() != Diagnostic.Kind.ERROR) {
                        continue;
                    }
                    long line = d.getLineNumber() - offset;
                    String where = line >= 1 && line <= block.body().size()
                            ? "README.md:" + (block.line() + line) : className + ".java:" + d.getLineNumber();
                    message.append("\n  ").append(where).append(": ").append(d.getMessage(Locale.ROOT));
                }
                message.append("\n--- compiled as ").append(className).append(" ---\n").append(source);
                fail(message.toString());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a command in a new process and returns the lines it printed; it must exit 0 and print nothing to stderr. */
    private List<String> run(List<String> command, Path dir, Block block) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(temp, "out", ".txt");
        Path stderr = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // options from the environment would make the launcher print a note on stderr
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        Process process = builder.start();
        try {
            if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                fail("README.md:" + block.line() + ": " + command + " still runs after " + RUN_SECONDS + " s; it printed:\n"
                        + Files.readString(stdout) + Files.readString(stderr));
            }
        } finally {
            process.destroyForcibly();
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "README.md:" + block.line() + ": " + command + " failed:\n" + err);
        assertEquals("", err, "README.md:" + block.line() + ": " + command + " printed to stderr");
        return Files.readString(stdout, StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * The README's class path, resolved against the repository's root; an entry that does not
     * exist is replaced by where this JVM loads the corresponding classes from, in order.
     */
    private static String classPath(String printed, List<java.security.ProtectionDomain> fallbacks) {
        String[] entries = printed.split(":");
        assertEquals(fallbacks.size(), entries.length, "class path entries in " + printed);
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            Path entry = root().resolve(entries[i]);
            resolved.add(Files.exists(entry) ? entry.toString() : location(fallbacks.get(i)));
        }
        return String.join(File.pathSeparator, resolved);
    }

    private static String location(java.security.ProtectionDomain domain) {
        try {
            return Path.of(domain.getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ---------------------------------------------------------------- reading the README

    /**
     * A fenced block: the README line of its opening fence (1-based), its info string, the
     * nearest non-blank line before the fence if it is an HTML comment, its lines, and the index
     * of the section it is in (counting headings).
     */
    record Block(int line, String lang, String marker, List<String> body, int section) {
    }

    private static String kindOf(Block block) {
        if (exampleName(block) != null) {
            return "example " + exampleName(block);
        }
        return block.marker() != null && FRAGMENT.matcher(block.marker()).matches() ? "fragment" : "program";
    }

    private static String exampleName(Block block) {
        Matcher m = EXAMPLE.matcher(block.marker() == null ? "" : block.marker());
        return m.matches() ? m.group(1) : null;
    }

    /** The lines of the first text block after {@code block}, before the next java block or section. */
    private static List<String> output(Block block, List<Block> all) {
        for (Block b : after(block, all)) {
            if (b.lang().equals("text")) {
                return b.body();
            }
        }
        return null;
    }

    /** The words of the first one-line command block starting with {@code java } after {@code block}. */
    private static List<String> command(Block block, List<Block> all) {
        for (Block b : after(block, all)) {
            List<String> lines = b.body().stream().filter(l -> !l.isBlank()).toList();
            if (lines.size() == 1 && lines.get(0).strip().startsWith("java ")) {
                return List.of(lines.get(0).strip().split("\\s+"));
            }
        }
        return null;
    }

    /** The blocks after {@code block} in its section, up to the next java block or marked block. */
    private static List<Block> after(Block block, List<Block> all) {
        List<Block> out = new ArrayList<>();
        for (Block b : all.subList(all.indexOf(block) + 1, all.size())) {
            if (b.section() != block.section() || b.lang().equals("java") || b.marker() != null) {
                break;
            }
            out.add(b);
        }
        return out;
    }

    private static List<Block> readme() throws IOException {
        List<String> lines = Files.readAllLines(root().resolve("README.md"), StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        int section = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                section++;
            } else if (line.startsWith("```")) {
                String lang = line.substring(3).strip();
                int open = i;
                List<String> body = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    body.add(lines.get(i));
                }
                assertTrue(i < lines.size(), "README.md:" + (open + 1) + ": the block is not closed");
                String marker = null;
                for (int j = open - 1; j >= 0; j--) {
                    String before = lines.get(j).strip();
                    if (!before.isEmpty()) {
                        marker = before.startsWith("<!--") && before.endsWith("-->") ? before : null;
                        break;
                    }
                }
                blocks.add(new Block(open + 1, lang, marker, List.copyOf(body), section));
            }
        }
        return blocks;
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

    private static int onlyLine(List<String> source, String line, Path file) {
        int at = -1;
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).strip().equals(line)) {
                assertEquals(-1, at, file + " has one " + line + " line");
                at = i;
            }
        }
        assertTrue(at >= 0, file + " has a " + line + " line");
        return at;
    }

    /** Removes the indentation common to all non-blank lines, and trailing blanks. */
    private static List<String> dedent(List<String> lines) {
        int common = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(common).stripTrailing());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
