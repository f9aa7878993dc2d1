package dev.channels.bench.contenders;

import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;

/**
 * The protocol floor for a one-way stream ({@code protocolFloor}): an exact rendezvous per item
 * through one reference slot. {@code send} deposits with one compare-and-set
 * ({@code null -> item}) and returns once the item was taken; {@code receive} takes with one
 * compare-and-set ({@code item -> null}). Busy spin on both sides, nothing else (see
 * {@link ProtocolFloorRoundTrip}).
 */
final class ProtocolFloorStream extends StreamWorkload {
    private final PaddedSlot slot = new PaddedSlot();

    @Override
    protected void send(Token item) {
        final PaddedSlot slot = this.slot;
        if (!slot.compareAndSet(null, item)) { // deposit
            throw new IllegalStateException(this + ": the slot is not empty");
        }
        int attempt = 0;
        while (slot.getAcquire() == item) { // until taken: an exact rendezvous
            Spin.idleOrFail(attempt++);
        }
    }

    @Override
    protected Object receive() throws InterruptedException {
        final PaddedSlot slot = this.slot;
        Object x;
        int attempt = 0;
        while ((x = slot.getAcquire()) == null) {
            Spin.idleInterruptibly(attempt++);
        }
        if (!slot.compareAndSet(x, null)) { // take
            throw new IllegalStateException(this + ": the item was withdrawn");
        }
        return x;
    }

    @Override
    public String toString() {
        return "protocolFloor";
    }
}
