package dev.channels.bench.rig;

/**
 * The floor: a bare busy-spin ping-pong of two volatile fields, each alone on its cache lines.
 * The driver writes a sequence number into {@code ping}; the partner copies it into {@code pong}.
 * Each message publishes the value and the turn in one store (a flag and a value written as two
 * stores measured 10-90% slower and unstable on the development machine). Both sides spin with
 * {@link Spin#idle}.
 *
 * <p>The same class serves as the floor the {@link Rig} measures around every iteration and as a
 * contender (the {@code floor} row of the round-trip benchmark, a control that must come out at a
 * ratio of 1).
 *
 * <p>Control values: {@link #SWITCH} sends the partner back to its workload, {@link #STOP} ends
 * it; the partner acknowledges both by copying them into {@code pong}, so that the driver knows
 * it left.
 */
public final class Floor extends PingPong {
    static final long SWITCH = -1L;
    static final long STOP = -2L;

    /** Written by the driver only. The last value the partner consumed on leaving is SWITCH. */
    private final PaddedLong ping = new PaddedLong(SWITCH);
    /** Written by the partner only: the last value it answered. */
    private final PaddedLong pong = new PaddedLong(SWITCH);
    /** The last sequence number sent; driver only. Never reset, so never repeated. */
    private long seq;

    @Override
    protected Object roundTrip(Token request) {
        final long s = ++seq;
        final PaddedLong pong = this.pong;
        ping.value = s; // volatile: value and turn in one store
        int attempt = 0;
        while (pong.value != s) {
            Spin.idleOrFail(attempt++);
        }
        return request.next(); // the floor moves longs; the token only keeps drive() uniform
    }

    /** Driver: sends the partner back to its workload and waits until it has left. */
    void sendSwitch() {
        send(SWITCH);
    }

    /** Driver: ends the partner's loop and waits until it has left. */
    void sendStop() {
        send(STOP);
    }

    private void send(long control) {
        ping.value = control;
        int attempt = 0;
        while (pong.value != control) {
            Spin.idleOrFail(attempt++);
        }
    }

    /**
     * Partner: answers pings until {@link #SWITCH} (returns true) or {@link #STOP} (returns
     * false).
     *
     * @return whether to go back to the workload
     */
    boolean serveFloor() {
        final PaddedLong ping = this.ping;
        final PaddedLong pong = this.pong;
        long last = SWITCH; // the invariant: the partner entered after consuming SWITCH (or at start)
        for (;;) {
            long v;
            int attempt = 0;
            while ((v = ping.value) == last) {
                Spin.idle(attempt++);
            }
            pong.value = v; // volatile: reply (or acknowledge a control value) in one store
            if (v == SWITCH) {
                return true;
            }
            if (v == STOP) {
                return false;
            }
            last = v;
        }
    }

    /**
     * As a contender, the partner serves the floor protocol itself, interruptibly. The rig's own
     * floor is a different instance.
     */
    @Override
    public void serve() throws InterruptedException {
        final PaddedLong ping = this.ping;
        final PaddedLong pong = this.pong;
        long last = pong.value; // the last ping answered (SWITCH before the first), also after a pause
        for (;;) {
            long v;
            int attempt = 0;
            while ((v = ping.value) == last) {
                Spin.idleInterruptibly(attempt++);
            }
            pong.value = v;
            last = v;
        }
    }

    @Override
    public String toString() {
        return "floor";
    }
}
