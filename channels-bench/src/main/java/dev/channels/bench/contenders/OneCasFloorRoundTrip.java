package dev.channels.bench.contenders;

import dev.channels.bench.rig.PaddedLong;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;

/**
 * The least an exact hand-off can cost when nobody parks ({@code oneCasFloor}): one locked
 * instruction per hand-off, the taker's. A deposit is a release store into one reference slot,
 * where it stays until the answer replaces it; the taker reads it and then counts the take with a
 * compare-and-set on its own padded take count. That CAS is what an exact hand-off cannot do
 * without: it is what a depositor withdrawing its value (timeout, interrupt) would race against,
 * and deciding such a race needs an atomic read-modify-write or a store-load fence on one side
 * (Attiya et al., "Laws of Order", POPL 2011), both a locked instruction on x86. The deposit needs
 * none only because nobody parks: a thread that may park needs a fence between the deposit and
 * the read of the waiter field (the {@code protocolFloor}'s deposit CAS plays that part). Nothing
 * else: no withdrawal, no close, no parking.
 *
 * <p>With {@code owned} ({@code oneCasFloorOwned}) each call also takes ownership of its side with
 * a CAS at entry and gives it up with a release store at exit, as a channel endpoint must to
 * refuse a second thread at once: the least our contract costs on a spinning hand-off.
 *
 * <p>Requests are {@link Token}s, replies {@link Replies}, as in {@link ProtocolFloorRoundTrip}.
 */
final class OneCasFloorRoundTrip extends PingPong {
    private final PaddedSlot slot = new PaddedSlot();
    private final PaddedLong clientTakes = new PaddedLong(0L);
    private final PaddedLong serverTakes = new PaddedLong(0L);
    /** Ownership of each side: 0 free, 1 held (a CAS at entry, a release store at exit). */
    private final PaddedLong clientOwner = new PaddedLong(0L);
    private final PaddedLong serverOwner = new PaddedLong(0L);
    private final boolean owned;
    private final String name;
    /** The partner's last deposit, kept across pauses; partner only. */
    private Object lastReply;

    OneCasFloorRoundTrip(boolean owned) {
        this.owned = owned;
        this.name = owned ? "oneCasFloorOwned" : "oneCasFloor";
    }

    @Override
    protected Object expectedReply(Token request) {
        return Replies.to(request);
    }

    @Override
    protected Object roundTrip(Token request) {
        final PaddedSlot slot = this.slot;
        if (owned && !clientOwner.compareAndSet(0L, 1L)) {
            throw new IllegalStateException(this + ": the client side is in use");
        }
        slot.setRelease(request); // deposit: no locked instruction
        Object x;
        int attempt = 0;
        while ((x = slot.getAcquire()) == request) {
            Spin.idleOrFail(attempt++);
        }
        countTake(clientTakes, this);
        if (owned) {
            clientOwner.setRelease(0L);
        }
        return x;
    }

    /**
     * Counts a take with a CAS on the taker's own padded count: the one locked instruction of a
     * hand-off here, and the take of the other floors that count takes ({@link SlotFloorRoundTrip}).
     */
    static void countTake(PaddedLong takes, Object floor) {
        long c = takes.getAcquire();
        if (!takes.compareAndSet(c, c + 1)) {
            throw new IllegalStateException(floor + ": a take raced with a withdrawal, which this floor never makes");
        }
    }

    @Override
    public void serve() throws InterruptedException {
        final PaddedSlot slot = this.slot;
        Object mine = lastReply;
        try {
            for (;;) {
                Object x;
                int attempt = 0;
                while ((x = slot.getAcquire()) == null || x == mine) {
                    Spin.idleInterruptibly(attempt++);
                }
                countTake(serverTakes, this);
                Replies.Reply reply = Replies.to((Token) x);
                if (owned) {
                    serverOwner.setRelease(0L); // the server's call ends with its take...
                    if (!serverOwner.compareAndSet(0L, 1L)) { // ...and the next one begins
                        throw new IllegalStateException(this + ": the server side is in use");
                    }
                }
                slot.setRelease(reply); // deposit: no locked instruction
                mine = reply;
            }
        } finally {
            lastReply = mine;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
