package dev.channels.bench.rig;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies of single operations, timed one in every {@link #period()} operations with a pair of
 * {@link System#nanoTime()} calls, in an HdrHistogram (2 significant digits, up to one minute).
 * A recorded value includes about one {@code nanoTime} call; the floor is sampled the same way,
 * so its percentiles show that overhead. Recording allocates nothing.
 */
public final class LatencySampler {
    private static final long MAX = TimeUnit.MINUTES.toNanos(1);

    private final Histogram histogram = new Histogram(MAX, 2);
    private final int mask;

    /**
     * Creates a sampler.
     *
     * @param period time one operation in every {@code period}; a power of two
     */
    public LatencySampler(int period) {
        if (period < 1 || Integer.bitCount(period) != 1) {
            throw new IllegalArgumentException("period must be a power of two, not " + period);
        }
        this.mask = period - 1;
    }

    /**
     * The sampling period.
     *
     * @return one operation in this many is timed
     */
    public int period() {
        return mask + 1;
    }

    /** @return {@code period() - 1}, for {@code (i & mask) == 0} tests */
    int mask() {
        return mask;
    }

    void record(long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0L), MAX));
    }

    /** Forgets every recorded value. */
    public void reset() {
        histogram.reset();
    }

    /**
     * Adds every value recorded so far to another histogram.
     *
     * @param target the histogram to add to
     */
    public void addTo(Histogram target) {
        target.add(histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    double percentile(double p) {
        return histogram.getValueAtPercentile(p);
    }
}
