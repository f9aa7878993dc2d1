package dev.channels.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's environment, as the bench script wrote it into {@code environment.txt}: one
 * {@code key=value} per line; a key may repeat (the lines of {@code java -version}, the
 * commands), and keeps its order.
 */
final class Environment {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    static Environment read(Path file) throws IOException {
        Environment env = new Environment();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    String key = line.substring(0, eq).trim();
                    env.values.computeIfAbsent(key, k -> new ArrayList<>()).add(line.substring(eq + 1));
                }
            }
        }
        return env;
    }

    String get(String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? "unknown" : v.get(0);
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }
}
