package dev.channels.bench.contenders;

import dev.channels.bench.rig.PaddedLong;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;

/**
 * Two floors that isolate what the rebuilt exchange's protocol costs from what its code adds, for
 * the measurement in ADR 0008 (measurement only: neither can close, withdraw, park or time out):
 * <ul>
 * <li>{@code exchangeFloor}: the exchange's own protocol and nothing else. Each call takes
 *     ownership of its side with a CAS and gives it up with a release store; a deposit is a CAS of
 *     the reference slot from the other side's last deposit to this one (the deposit stays until
 *     the answer replaces it); a take is a CAS on the taker's own padded count. Three locked
 *     instructions per call, as in the channel with {@code busySpin}.</li>
 * <li>{@code versionedFloor}: the lead of ADR 0008, a versioned slot ({@link VersionedSlot}) whose
 *     deposit CAS also refuses a second thread, so no call that starts with a deposit needs an
 *     entry CAS. Two locked instructions per call (deposit and take), and a second store to the
 *     slot's line to publish the value.</li>
 * </ul>
 * Side by side with {@code protocolFloor} and the channel, they show whether the versioned slot's
 * saved CAS outweighs its second store.
 *
 * <p>{@code exchangeFloor-quietN} and {@code versionedFloor-quietN} give each side a fixed quiet
 * period of {@code N} {@link Thread#onSpinWait()} pauses between its deposit and its first look
 * at the slot, as the channel's untimed waits have (ADR 0008, "Decided": a look before the answer
 * can arrive only pulls the line back, and the answer's CAS must take it again). They show what
 * the bare protocol costs with its waits quiet; the best {@code N} depends on the processor (4 on
 * the Intel model 106 guest: 1.18x-1.25x the single-word floor in bench-results/2026-12-07-floors-106,
 * 1.00x-1.64x over the runs of a later session; one pause either side cost 0.1x-0.3x).
 */
final class SlotFloorRoundTrip extends PingPong {
    private final boolean versioned;
    /** Pauses before each wait's first look; 0: none. */
    private final int quietPauses;
    private final String name;
    private final PaddedSlot slot = new PaddedSlot();
    private final VersionedSlot versionedSlot = new VersionedSlot();
    private final PaddedLong clientTakes = new PaddedLong(0L);
    private final PaddedLong serverTakes = new PaddedLong(0L);
    private final PaddedLong clientOwner = new PaddedLong(0L);
    private final PaddedLong serverOwner = new PaddedLong(0L);
    /** The client's view: the other side's last deposit (reference slot) or the version it saw last. */
    private Object clientPeer;
    private long clientSeen;
    /** The partner's view, kept across pauses; partner only. */
    private Object serverPeer;
    private long serverSeen;

    SlotFloorRoundTrip(boolean versioned, int quietPauses, String name) {
        this.versioned = versioned;
        this.quietPauses = quietPauses;
        this.name = name;
    }

    /** What names a fixed quiet period: {@code exchangeFloor-quiet4}. */
    static final String QUIET = "-quiet";

    /** The most pauses a quiet period may have (as the channel's own bound). */
    static final int MAX_QUIET_PAUSES = 256;

    /** {@code n} pauses: the quiet period before a wait's first look. */
    private static void quiet(int n) {
        for (int i = n; i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    @Override
    protected Object expectedReply(Token request) {
        return Replies.to(request);
    }

    @Override
    protected Object roundTrip(Token request) {
        return versioned ? versionedRoundTrip(request) : exchangeRoundTrip(request);
    }

    private Object exchangeRoundTrip(Token request) {
        if (!clientOwner.compareAndSet(0L, 1L)) { // entry
            throw new IllegalStateException(this + ": the client side is in use");
        }
        final PaddedSlot slot = this.slot;
        if (!slot.compareAndSet(clientPeer, request)) { // deposit
            throw new IllegalStateException(this + ": the slot changed under the client");
        }
        quiet(quietPauses);
        Object x;
        int attempt = 0;
        while ((x = slot.getAcquire()) == request) {
            Spin.idleOrFail(attempt++);
        }
        OneCasFloorRoundTrip.countTake(clientTakes, this);
        clientPeer = x;
        clientOwner.setRelease(0L); // exit
        return x;
    }

    private Object versionedRoundTrip(Token request) {
        final VersionedSlot slot = versionedSlot;
        long mine = slot.deposit(clientSeen, request); // deposit, and the refusal of a second thread
        if (mine < 0L) {
            throw new IllegalStateException(this + ": the version moved under the client");
        }
        quiet(quietPauses);
        long v;
        int attempt = 0;
        while ((v = slot.versionAcquire()) == mine || (v & 1L) != 0L) {
            Spin.idleOrFail(attempt++);
        }
        Object x = slot.value();
        OneCasFloorRoundTrip.countTake(clientTakes, this);
        clientSeen = v;
        return x;
    }

    @Override
    public void serve() throws InterruptedException {
        if (versioned) {
            serveVersioned();
        } else {
            serveExchange();
        }
    }

    private void serveExchange() throws InterruptedException {
        // Locals: the client writes its view into this object every round trip, so the loop must
        // not read this object's fields (a line moving between the cores for nothing).
        final PaddedSlot slot = this.slot;
        final PaddedLong takes = serverTakes;
        final PaddedLong owner = serverOwner;
        final int work = work();
        final int quiet = quietPauses;
        Object peer = serverPeer;
        Object mine = null;
        try {
            for (;;) {
                Object x;
                int attempt = 0;
                while ((x = slot.getAcquire()) == peer || x == mine) {
                    Spin.idleInterruptibly(attempt++);
                }
                OneCasFloorRoundTrip.countTake(takes, this);
                peer = x;
                owner.setRelease(0L); // the server's call ends with its take...
                if (!owner.compareAndSet(0L, 1L)) { // ...and the next one begins
                    throw new IllegalStateException(this + ": the server side is in use");
                }
                doWork(work);
                Replies.Reply reply = Replies.to((Token) x);
                if (!slot.compareAndSet(peer, reply)) { // deposit
                    throw new IllegalStateException(this + ": the slot changed under the server");
                }
                mine = reply;
                quiet(quiet);
            }
        } finally {
            serverPeer = mine != null ? mine : peer;
        }
    }

    private void serveVersioned() throws InterruptedException {
        final VersionedSlot slot = versionedSlot; // locals, as in serveExchange
        final PaddedLong takes = serverTakes;
        final int quiet = quietPauses;
        long seen = serverSeen;
        try {
            for (;;) {
                long v;
                int attempt = 0;
                while ((v = slot.versionAcquire()) == seen || (v & 1L) != 0L) {
                    Spin.idleInterruptibly(attempt++);
                }
                Object x = slot.value();
                OneCasFloorRoundTrip.countTake(takes, this);
                long mine = slot.deposit(v, Replies.to((Token) x));
                if (mine < 0L) {
                    throw new IllegalStateException(this + ": the version moved under the server");
                }
                seen = mine;
                quiet(quiet);
            }
        } finally {
            serverSeen = seen;
        }
    }

    @Override
    protected boolean servesWithWork() {
        return !versioned; // the exchange floor only
    }

    @Override
    public String toString() {
        return name;
    }
}
