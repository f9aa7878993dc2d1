package dev.channels.bench.contenders;

import com.softwaremill.jox.Channel;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Token;

/** A pair of jox rendezvous channels: {@code send} the request on one, {@code receive} the reply from the other. */
final class JoxRoundTrip extends PingPong {
    private final Channel<Object> requests = Channel.newRendezvousChannel();
    private final Channel<Object> replies = Channel.newRendezvousChannel();

    @Override
    protected Object roundTrip(Token request) throws InterruptedException {
        requests.send(request);
        return replies.receive();
    }

    @Override
    public void serve() throws InterruptedException {
        final Channel<Object> in = requests;
        final Channel<Object> out = replies;
        for (;;) {
            out.send(((Token) in.receive()).next());
        }
    }

    @Override
    public void close() {
        requests.done();
        replies.done();
    }

    @Override
    public String toString() {
        return "jox";
    }
}
