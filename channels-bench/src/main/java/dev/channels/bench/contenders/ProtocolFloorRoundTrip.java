package dev.channels.bench.contenders;

import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;

/**
 * The protocol floor for a round trip ({@code protocolFloor}): a bare exact rendezvous, two exact
 * hand-offs through one reference slot (the channel's own protocol, {@code exchangeFloor}, measured
 * cheaper: its take writes the taker's own line, not the slot). A hand-off is one compare-and-set to
 * deposit ({@code null -> value}) and one to take ({@code value -> null}); the taker's CAS is the
 * moment the value changes hands, so the depositor knows exactly whether it was taken, which is
 * what makes a rendezvous exact (a withdrawal would be the depositor's CAS {@code value -> null}
 * winning instead). Both sides busy-spin with acquire loads and {@link Spin#idle}. Nothing else:
 * no ownership check, no parking, no close, no timeout.
 *
 * <p>Against the {@code singleWordFloor} (one plain store per hand-off), it shows what exactness
 * costs; against it, our channel with {@code busySpin} shows what the library adds.
 *
 * <p>The slot holds a request, a reply or nothing, and each side recognises the other's value by
 * identity (not the one it deposited itself). Requests are {@link Token}s, replies
 * {@link Replies}.
 */
final class ProtocolFloorRoundTrip extends PingPong {
    private final PaddedSlot slot = new PaddedSlot();
    /** The partner's last deposit, kept across pauses; partner only. */
    private Object lastReply;

    @Override
    protected Object expectedReply(Token request) {
        return Replies.to(request);
    }

    @Override
    protected Object roundTrip(Token request) {
        final PaddedSlot slot = this.slot;
        if (!slot.compareAndSet(null, request)) { // deposit
            throw new IllegalStateException(this + ": the slot is not empty");
        }
        Object x;
        int attempt = 0;
        while ((x = slot.getAcquire()) == null || x == request) {
            Spin.idleOrFail(attempt++);
        }
        if (!slot.compareAndSet(x, null)) { // take
            throw new IllegalStateException(this + ": the reply was taken by someone else");
        }
        return x;
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
                if (!slot.compareAndSet(x, null)) { // take
                    throw new IllegalStateException(this + ": the request was withdrawn");
                }
                Replies.Reply reply = Replies.to((Token) x);
                if (!slot.compareAndSet(null, reply)) { // deposit
                    throw new IllegalStateException(this + ": the slot is not empty");
                }
                mine = reply;
            }
        } finally {
            lastReply = mine;
        }
    }

    @Override
    public String toString() {
        return "protocolFloor";
    }
}
