package dev.channels.bench;

import dev.channels.bench.rig.RigProfiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code benchmarks.jar}: JMH's own command line, plus
 * {@code -prof dev.channels.bench.rig.RigProfiler}, which turns the rig's per-iteration figures
 * (floor, ratio, percentiles, CPU) into JMH secondary results. Everything else is JMH's: run
 * {@code java -jar benchmarks.jar -h}.
 */
public final class Main {
    /** Agrona 2.x reads {@code jdk.internal.misc}; every fork that may load it gets this flag. */
    static final String AGRONA_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private Main() {
    }

    /**
     * Runs JMH with the rig's profiler added.
     *
     * @param args JMH's command line
     * @throws Exception as JMH does
     */
    public static void main(String[] args) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (!all.contains(RigProfiler.class.getName())) {
            all.add("-prof");
            all.add(RigProfiler.class.getName());
        }
        org.openjdk.jmh.Main.main(all.toArray(String[]::new));
    }
}
