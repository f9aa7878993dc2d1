package dev.channels.bench.contenders;

import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Spin;
import dev.channels.bench.rig.Token;
import java.util.Queue;

/**
 * A pair of single-producer single-consumer queues (JCTools {@code SpscArrayQueue} or Agrona
 * {@code OneToOneConcurrentArrayQueue}, capacity {@value RoundTrips#SPSC_CAPACITY}): offer the
 * request on one, busy-spin polling the other for the reply.
 */
final class SpinQueueRoundTrip extends PingPong {
    private final String name;
    private final Queue<Object> requests;
    private final Queue<Object> replies;

    SpinQueueRoundTrip(String name, Queue<Object> requests, Queue<Object> replies) {
        this.name = name;
        this.requests = requests;
        this.replies = replies;
    }

    @Override
    protected Object roundTrip(Token request) {
        if (!requests.offer(request)) {
            throw new IllegalStateException(name + ": request queue full");
        }
        final Queue<Object> in = replies;
        Object reply;
        int attempt = 0;
        while ((reply = in.poll()) == null) {
            Spin.idleOrFail(attempt++);
        }
        return reply;
    }

    @Override
    public void serve() throws InterruptedException {
        final Queue<Object> in = requests;
        final Queue<Object> out = replies;
        final int work = work();
        for (;;) {
            Object request;
            int attempt = 0;
            while ((request = in.poll()) == null) {
                Spin.idleInterruptibly(attempt++);
            }
            doWork(work);
            if (!out.offer(((Token) request).next())) {
                throw new IllegalStateException(name + ": reply queue full");
            }
        }
    }

    @Override
    protected boolean servesWithWork() {
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
