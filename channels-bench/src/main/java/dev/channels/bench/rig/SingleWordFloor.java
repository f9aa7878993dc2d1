package dev.channels.bench.rig;

/**
 * The floor: a bare busy-spin ping-pong through one 64-bit word, alone on its cache lines, that
 * carries the value and the turn together. Bit 0 is the turn ({@code 1}: a request waits for the
 * partner; {@code 0}: the partner answered), bits 1 to 63 the value. Each hand-off is one release
 * store of the whole word; each side spins with acquire loads and {@link Spin#idle} (that is,
 * {@link Thread#onSpinWait()}) until the turn bit says it is its turn. Nothing is cheaper that
 * still moves a value and a turn between two threads: one cache line, one store per hand-off,
 * no fence (a release store is a plain store on x86).
 *
 * <p>The driver sends the token's position in the ring; the partner answers with the next
 * position, which the driver turns back into a {@link Token}, so the value travels both ways and
 * every reply is checked like any contender's.
 *
 * <p>The same class is the floor the {@link Rig} measures around every iteration, and a
 * contender ({@code singleWordFloor} in the round-trip benchmark, a control whose ratio to the
 * floor must come out at 1).
 *
 * <p>Control values (the rig's floor only): {@link #SWITCH} sends the partner back to its
 * workload, {@link #STOP} ends it; the partner acknowledges both by handing the turn back with
 * the same value, so that the driver knows it left.
 */
public final class SingleWordFloor extends PingPong {
    /** The turn bit: set by the driver with each request, cleared by the partner's answer. */
    static final long TURN = 1L;
    static final long SWITCH = -1L;
    static final long STOP = -2L;

    /** Bit 0 the turn, bits 1-63 the value; at rest the turn is the driver's (bit 0 clear). */
    private final PaddedLong word = new PaddedLong(0L);

    /** A request word: the value with the turn set. */
    static long request(long value) {
        return value << 1 | TURN;
    }

    /** An answer word: the value with the turn cleared. */
    static long answer(long value) {
        return value << 1;
    }

    /** The value a word carries (arithmetic shift: control values stay negative). */
    static long value(long word) {
        return word >> 1;
    }

    @Override
    protected Object roundTrip(Token request) {
        final PaddedLong word = this.word;
        word.setRelease(request(request.id())); // value and turn in one release store
        long w;
        int attempt = 0;
        while (((w = word.getAcquire()) & TURN) != 0) {
            Spin.idleOrFail(attempt++);
        }
        return Token.at((int) value(w));
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
        final PaddedLong word = this.word;
        word.setRelease(request(control));
        int attempt = 0;
        while ((word.getAcquire() & TURN) != 0) {
            Spin.idleOrFail(attempt++);
        }
    }

    /**
     * Partner: answers requests until {@link #SWITCH} (returns true) or {@link #STOP} (returns
     * false), acknowledging either.
     *
     * @return whether to go back to the workload
     */
    boolean serveFloor() {
        final PaddedLong word = this.word;
        for (;;) {
            long w;
            int attempt = 0;
            while (((w = word.getAcquire()) & TURN) == 0) {
                Spin.idle(attempt++);
            }
            long v = value(w);
            if (v == SWITCH || v == STOP) {
                word.setRelease(answer(v)); // acknowledge: the driver waits for the turn
                return v == SWITCH;
            }
            word.setRelease(answer(v + 1)); // the next token's position, and the turn, in one store
        }
    }

    /**
     * As a contender, the partner serves the same protocol, interruptibly. The rig's own floor is
     * a different instance. After a pause it resumes where it was: the turn bit says whether a
     * request waits.
     */
    @Override
    public void serve() throws InterruptedException {
        final PaddedLong word = this.word;
        final int work = work();
        for (;;) {
            long w;
            int attempt = 0;
            while (((w = word.getAcquire()) & TURN) == 0) {
                Spin.idleInterruptibly(attempt++);
            }
            doWork(work);
            word.setRelease(answer(value(w) + 1));
        }
    }

    @Override
    protected boolean servesWithWork() {
        return true;
    }

    @Override
    public String toString() {
        return "singleWordFloor";
    }
}
