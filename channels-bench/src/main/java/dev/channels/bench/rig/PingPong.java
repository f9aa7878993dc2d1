package dev.channels.bench.rig;

import org.openjdk.jmh.infra.Blackhole;

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
     * Busy work per message, in {@link Blackhole#consumeCPU} tokens, done by each side before it
     * hands its next message over: the driver before each request, the partner before each reply
     * (the contenders that support it: see {@link #withWork}). 0: none. Set before the rig starts.
     */
    private int work;

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
     * Makes both sides spend {@code tokens} of {@link Blackhole#consumeCPU} before each message
     * they hand over, as a handler does between receiving and answering. Only the contenders of
     * {@code WorkRoundTripBenchmark} do the partner's half (their {@code serve} loops call
     * {@link #doWork}); the rig's own floor is never given work.
     *
     * @param tokens the work per message; 0 for none
     * @return this workload
     * @throws IllegalArgumentException if {@code tokens} is negative
     */
    public final PingPong withWork(int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("work per message must be 0 or more tokens, not " + tokens);
        }
        if (tokens > 0 && !servesWithWork()) {
            throw new IllegalArgumentException(this + " does no work before its replies: give work only to"
                    + " singleWordFloor, exchangeFloor, the channels, jctools or agrona");
        }
        this.work = tokens;
        return this;
    }

    /**
     * Whether this contender's partner calls {@link #doWork} before each reply.
     *
     * @return false unless the contender overrides it
     */
    protected boolean servesWithWork() {
        return false;
    }

    /**
     * The work per message set by {@link #withWork}.
     *
     * @return the tokens, 0 for none
     */
    public final int work() {
        return work;
    }

    /**
     * Spends {@code tokens} of busy work (none if 0): what a partner calls before each reply.
     *
     * @param tokens the work per message, from {@link #work()}
     */
    public static void doWork(int tokens) {
        if (tokens > 0) {
            Blackhole.consumeCPU(tokens);
        }
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
        final int w = work;
        int k = cursor;
        if (s == null) {
            for (int i = 0; i < n; i++, k++) {
                Token request = Token.at(k);
                doWork(w);
                check(request, roundTrip(request));
            }
        } else {
            final int mask = s.mask();
            for (int i = 0; i < n; i++, k++) {
                Token request = Token.at(k);
                doWork(w);
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
