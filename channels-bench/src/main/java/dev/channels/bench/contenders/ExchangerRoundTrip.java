package dev.channels.bench.contenders;

import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Token;
import java.util.concurrent.Exchanger;

/**
 * {@link Exchanger}: one exchange is one round trip (both threads meet; the waiting one learns of
 * the match from the other). The partner offers the {@link Token#next()} of what it received
 * last, which is what the driver sends next: every exchange hands the driver its own request
 * back, a check that the exchange happened.
 */
final class ExchangerRoundTrip extends PingPong {
    private final Exchanger<Object> exchanger = new Exchanger<>();
    /** What the partner offers next; partner only, saved when it is paused. */
    private Object partnerOffer = Token.at(0);

    @Override
    protected Object roundTrip(Token request) throws InterruptedException {
        return exchanger.exchange(request);
    }

    @Override
    protected Object expectedReply(Token request) {
        return request;
    }

    @Override
    public void serve() throws InterruptedException {
        final Exchanger<Object> ex = exchanger;
        Object offer = partnerOffer;
        try {
            for (;;) {
                offer = ((Token) ex.exchange(offer)).next(); // interrupted: no exchange took place
            }
        } finally {
            partnerOffer = offer;
        }
    }

    @Override
    public String toString() {
        return "exchanger";
    }
}
