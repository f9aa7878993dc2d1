package dev.channels.bench.contenders;

import dev.channels.bench.rig.PaddedLong;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.SingleWordFloor;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;

/**
 * The rig's former floor, kept as a labelled contender ({@code twoFieldFloor}): a busy-spin
 * ping-pong of two volatile fields, each alone on its cache lines. The driver writes a sequence
 * number into {@code ping}; the partner copies it into {@code pong}. Each message is one store
 * that carries value and turn, but there are two lines in play instead of one, and every store is
 * volatile (sequentially consistent: a store and a fence on x86).
 *
 * <p>It is slower than the {@link SingleWordFloor} (the floor every ratio is computed against),
 * by 10-90% on the development machines: a ratio to this floor flatters a contender.
 */
final class TwoFieldFloor extends PingPong {
    /** Written by the driver only. */
    private final PaddedLong ping = new PaddedLong(0L);
    /** Written by the partner only: the last value it answered. */
    private final PaddedLong pong = new PaddedLong(0L);
    /** The last sequence number sent; driver only. Never reset, so never repeated. */
    private long seq;

    @Override
    protected Object roundTrip(Token request) {
        final long s = ++seq;
        final PaddedLong pong = this.pong;
        ping.set(s); // volatile store: value and turn in one store
        int attempt = 0;
        while (pong.get() != s) {
            Spin.idleOrFail(attempt++);
        }
        return request.next(); // the floor moves longs; the token only keeps drive() uniform
    }

    @Override
    public void serve() throws InterruptedException {
        final PaddedLong ping = this.ping;
        final PaddedLong pong = this.pong;
        long last = pong.get(); // the last ping answered, also after a pause
        for (;;) {
            long v;
            int attempt = 0;
            while ((v = ping.get()) == last) {
                Spin.idleInterruptibly(attempt++);
            }
            pong.set(v); // volatile store
            last = v;
        }
    }

    @Override
    public String toString() {
        return "twoFieldFloor";
    }
}
