package dev.channels.bench.contenders;

import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Token;
import java.util.concurrent.LinkedTransferQueue;

/**
 * A pair of {@link LinkedTransferQueue}s used synchronously: {@code transfer} the request on one
 * (it returns once taken), {@code take} the reply from the other.
 */
final class TransferQueueRoundTrip extends PingPong {
    private final LinkedTransferQueue<Object> requests = new LinkedTransferQueue<>();
    private final LinkedTransferQueue<Object> replies = new LinkedTransferQueue<>();

    @Override
    protected Object roundTrip(Token request) throws InterruptedException {
        requests.transfer(request);
        return replies.take();
    }

    @Override
    public void serve() throws InterruptedException {
        final LinkedTransferQueue<Object> in = requests;
        final LinkedTransferQueue<Object> out = replies;
        for (;;) {
            out.transfer(((Token) in.take()).next());
        }
    }

    @Override
    public String toString() {
        return "linkedTransferQueue";
    }
}
