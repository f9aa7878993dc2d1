package dev.channels.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Estimates how long JMH runs will take, before they start, so that {@code run.sh} can print one
 * ETA for the whole suite (JMH's own ETA covers only the run it is in, and leaves out the time a
 * fork takes to start and the rig's floors around every iteration).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.channels.bench.report.Plan ARGS [:: ARGS]...}, where
 * each ARGS is the JMH command line of one run. Prints one line per run: the estimated seconds
 * and the number of benchmark and parameter combinations it runs.
 *
 * <p>The estimate: {@value #RUN_SECONDS} s per JMH run (its own JVM), per combination and fork
 * {@value #FORK_SECONDS} s to start the JVM and the rig, and per iteration its time plus
 * {@value #ITERATION_SECONDS} s (the two 20 ms floors, the iteration set-up and the profilers).
 * The constants were fitted to the measured durations of the quick (8 min 28 s for 104
 * combinations of 8 iterations of 0.5 s), batches (2 min 35 s for 32) and smoke (29 s for 22
 * combinations of 2 iterations of 0.2 s) suites on the 2-core development machines.
 */
public final class Plan {
    /** Seconds to start one fork: JVM start-up, JMH's set-up, the rig's warm-up and slow-path runs. */
    static final double FORK_SECONDS = 0.6;
    /** Seconds each iteration adds to its own time: two floors of 20 ms, set-up and tear-down, profilers. */
    static final double ITERATION_SECONDS = 0.03;
    /** Seconds for the JMH run's own JVM: start, benchmark list, result file. */
    static final double RUN_SECONDS = 1.0;

    private Plan() {
    }

    /**
     * Prints the estimates.
     *
     * @param args JMH command lines, separated by {@code ::}
     */
    public static void main(String[] args) {
        List<List<String>> runs = new ArrayList<>();
        runs.add(new ArrayList<>());
        for (String a : args) {
            if (a.equals("::")) {
                runs.add(new ArrayList<>());
            } else {
                runs.getLast().add(a);
            }
        }
        PrintStream out = System.out;
        for (List<String> run : runs) {
            try {
                Estimate e = estimate(new CommandLineOptions(run.toArray(String[]::new)));
                out.printf(java.util.Locale.ROOT, "%.0f %d%n", e.seconds(), e.combinations());
            } catch (CommandLineOptionException e) {
                System.err.println("no estimate: " + e.getMessage());
                System.exit(1);
            }
        }
    }

    /** The estimated duration of one JMH run and how many combinations it runs. */
    record Estimate(double seconds, int combinations) {
    }

    static Estimate estimate(CommandLineOptions o) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT);
        List<String> includes = o.getIncludes().isEmpty() ? List.of(".*") : o.getIncludes();
        double seconds = RUN_SECONDS;
        int combinations = 0;
        for (BenchmarkListEntry b : BenchmarkList.defaultList().find(silent, includes, o.getExcludes())) {
            int n = o.getBenchModes().isEmpty() ? 1 : o.getBenchModes().size();
            Map<String, String[]> params = b.getParams().orElse(Map.of());
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                Collection<String> chosen = o.getParameter(p.getKey()).orElse(Arrays.asList(p.getValue()));
                n *= chosen.size();
            }
            int forks = Math.max(1, o.getForkCount().orElse(b.getForks().orElse(Defaults.MEASUREMENT_FORKS)))
                    + o.getWarmupForkCount().orElse(b.getWarmupForks().orElse(Defaults.WARMUP_FORKS));
            int wi = o.getWarmupIterations().orElse(b.getWarmupIterations().orElse(Defaults.WARMUP_ITERATIONS));
            int mi = o.getMeasurementIterations().orElse(b.getMeasurementIterations().orElse(Defaults.MEASUREMENT_ITERATIONS));
            double w = seconds(o.getWarmupTime().orElse(b.getWarmupTime().orElse(Defaults.WARMUP_TIME)));
            double m = seconds(o.getMeasurementTime().orElse(b.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME)));
            double perFork = FORK_SECONDS + wi * (w + ITERATION_SECONDS) + mi * (m + ITERATION_SECONDS);
            seconds += n * forks * perFork;
            combinations += n;
        }
        return new Estimate(seconds, combinations);
    }

    private static double seconds(TimeValue t) {
        return t.convertTo(java.util.concurrent.TimeUnit.MICROSECONDS) / 1e6;
    }
}
