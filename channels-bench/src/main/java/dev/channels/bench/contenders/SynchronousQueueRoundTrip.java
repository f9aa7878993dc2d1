package dev.channels.bench.contenders;

import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Token;
import java.util.concurrent.SynchronousQueue;

/** A pair of {@link SynchronousQueue}s: {@code put} the request on one, {@code take} the reply from the other. */
final class SynchronousQueueRoundTrip extends PingPong {
    private final SynchronousQueue<Object> requests = new SynchronousQueue<>();
    private final SynchronousQueue<Object> replies = new SynchronousQueue<>();

    @Override
    protected Object roundTrip(Token request) throws InterruptedException {
        requests.put(request);
        return replies.take();
    }

    @Override
    public void serve() throws InterruptedException {
        final SynchronousQueue<Object> in = requests;
        final SynchronousQueue<Object> out = replies;
        for (;;) {
            out.put(((Token) in.take()).next());
        }
    }

    @Override
    public String toString() {
        return "synchronousQueue";
    }
}
