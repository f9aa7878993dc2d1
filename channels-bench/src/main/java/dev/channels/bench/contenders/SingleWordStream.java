package dev.channels.bench.contenders;

import dev.channels.bench.rig.PaddedLong;
import dev.channels.bench.rig.SingleWordFloor;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;

/**
 * The one-way counterpart of the {@link SingleWordFloor} ({@code singleWordFloor} in the stream
 * benchmark): a one-slot spin rendezvous through one 64-bit word that carries the item (its
 * position in the token ring, bits 1-63) and the turn (bit 0: set while an item waits). The
 * producer publishes an item with one release store and spins until the consumer has cleared the
 * turn, with one release store, which is when {@code send} returns. Acquire loads and
 * {@link Spin#idle} on both sides.
 */
final class SingleWordStream extends StreamWorkload {
    private static final long TURN = 1L;
    private final PaddedLong word = new PaddedLong(0L);

    @Override
    protected void send(Token item) {
        final PaddedLong word = this.word;
        word.setRelease((long) item.id() << 1 | TURN);
        int attempt = 0;
        while ((word.getAcquire() & TURN) != 0) { // until taken
            Spin.idleOrFail(attempt++);
        }
    }

    @Override
    protected Object receive() throws InterruptedException {
        final PaddedLong word = this.word;
        long w;
        int attempt = 0;
        while (((w = word.getAcquire()) & TURN) == 0) {
            Spin.idleInterruptibly(attempt++);
        }
        word.setRelease(w & ~TURN); // taken: the turn goes back in one store
        return Token.at((int) (w >> 1));
    }

    @Override
    public String toString() {
        return "singleWordFloor";
    }
}
