package dev.channels.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts how often each legal outcome of a race occurred (STYLE 19: accept every legal outcome
 * and check each). A race that never lands on one side tests nothing there, so in thorough mode
 * {@link #assertEachSeenWhenThorough} fails unless every named outcome occurred; in quick mode it
 * only checks that the names are known, since a few hundred rounds may miss a rare one.
 * Thread-safe.
 */
public final class Outcomes {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Records one occurrence of {@code outcome}. */
    public void record(String outcome) {
        counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** How often {@code outcome} occurred. */
    public long count(String outcome) {
        LongAdder a = counts.get(outcome);
        return a == null ? 0 : a.sum();
    }

    /**
     * In thorough mode, prints the tally under {@code race} and fails unless each of
     * {@code outcomes} occurred at least once; always fails if an outcome that is not among them
     * occurred (a typo, or an outcome the test forgot to name).
     */
    public void assertEachSeenWhenThorough(String race, String... outcomes) {
        Map<String, Long> unknown = new TreeMap<>();
        counts.forEach((k, v) -> unknown.put(k, v.sum()));
        for (String o : outcomes) {
            unknown.remove(o);
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError("outcomes not named by the test: " + unknown + " in " + this);
        }
        if (Modes.THOROUGH) {
            System.out.println(race + ": " + this);
            for (String o : outcomes) {
                if (count(o) == 0) {
                    throw new AssertionError(race + " never ended with \"" + o + "\": " + this);
                }
            }
        }
    }

    @Override
    public String toString() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted.toString();
    }
}
