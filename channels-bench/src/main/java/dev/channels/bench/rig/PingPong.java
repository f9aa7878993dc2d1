package dev.channels.bench.rig;

/**
 * A round-trip workload: the driver hands a {@link Token} over and waits for the reply, the
 * partner answers each request. One operation is one round trip. Every reply is checked, and, once
 * a {@link LatencySampler} is set, one round trip in every {@link LatencySampler#period()} is
 * timed on its own for the percentiles.
 *
 * <p>The floor and the contenders all run through the same {@link #drive} loop, so that the
 * sampling costs them the same.
 */
public abstract class PingPong implements Workload {
    /** Null: no sampling (the many-pairs benchmark). */
    private LatencySampler sampler;
    /** The next token to send; driver only, written back once per {@link #drive} call. */
    private int cursor;

    /**
     * One round trip.
     *
     * @param request the token to hand over
     * @return the reply
     * @throws InterruptedException if interrupted while waiting
     */
    protected abstract Object roundTrip(Token request) throws InterruptedException;

    /**
     * The reply a correct round trip returns for {@code request}. The partners answer with
     * {@link Token#next()}.
     *
     * @param request the token handed over
     * @return the expected reply
     */
    protected Object expectedReply(Token request) {
        return request.next();
    }

    /**
     * Sets where the sampled latencies go.
     *
     * @param sampler the sampler
     */
    public final void sampleInto(LatencySampler sampler) {
        this.sampler = sampler;
    }

    /**
     * The sampler this workload records into.
     *
     * @return the sampler, or null
     */
    public final LatencySampler sampler() {
        return sampler;
    }

    @Override
    public final void drive(int n) throws InterruptedException {
        final LatencySampler s = sampler;
        int k = cursor;
        if (s == null) {
            for (int i = 0; i < n; i++, k++) {
                Token request = Token.at(k);
                check(request, roundTrip(request));
            }
        } else {
            final int mask = s.mask();
            for (int i = 0; i < n; i++, k++) {
                Token request = Token.at(k);
                Object reply;
                if ((k & mask) == 0) {
                    long t0 = System.nanoTime();
                    reply = roundTrip(request);
                    s.record(System.nanoTime() - t0);
                } else {
                    reply = roundTrip(request);
                }
                check(request, reply);
            }
        }
        cursor = k;
    }

    private void check(Token request, Object reply) {
        if (reply != expectedReply(request)) {
            throw new IllegalStateException(this + ": sent " + request + ", got " + reply
                    + " instead of " + expectedReply(request));
        }
    }
}
