package dev.channels.bench.report;

import dev.channels.bench.report.Report.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints, after a JMH run, one line per result with the figures the report uses: the median over
 * the iterations kept (drifted ones left out) with its 95% interval, and the ratio to the floor,
 * next to JMH's own score (a mean, which one descheduling of a spinning thread can move several
 * fold). {@code run.sh} calls it after each JMH run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.channels.bench.report.Console FILE.json...}
 */
public final class Console {
    private Console() {
    }

    /**
     * Prints the lines.
     *
     * @param args JMH JSON result files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<Result> results = new ArrayList<>();
        for (String a : args) {
            results.addAll(Result.read(Path.of(a)));
        }
        print(results, System.out);
    }

    static void print(List<Result> results, PrintStream out) {
        if (results.isEmpty()) {
            out.println("(no results)");
            return;
        }
        out.println("The report's figures (median over the iterations kept [95% interval]; JMH's Score above is a mean,");
        out.println("which one descheduling of a spinning thread can move several fold; the report does not use it):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "median", "÷ floor", "JMH mean", "iterations"});
        for (Result r : results) {
            Summary s = Report.summarize(r);
            String unit = r.metric(Result.PRIMARY).unit();
            // the rig's median invocation where it has one (the figure ÷ floor divides), else the primary score's median
            String median = r.has("nsMedian") ? Report.num(s.nsMedian().median()) + " " + unit
                    : Report.interval(s.ns()) + " " + unit;
            rows.add(new String[] {label(r), median, s.ratio().isEmpty() ? "-" : Report.interval(s.ratio()) + " x",
                Report.num(r.metric(Result.PRIMARY).score()) + " " + unit, s.iterations()});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                b.append(i == 0 ? cell + " ".repeat(w[i] - cell.length()) : " ".repeat(w[i] - cell.length()) + cell);
                b.append(i + 1 < row.length ? "  " : "");
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String label(Result r) {
        // SelectBenchmark has several methods (fanIn, server, workerPool): name the method too
        StringBuilder b = new StringBuilder(!Report.KNOWN.contains(r.benchmark) ? r.name
                : r.benchmark.equals("SelectBenchmark") ? r.benchmark + "." + r.method : r.benchmark);
        r.params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}
