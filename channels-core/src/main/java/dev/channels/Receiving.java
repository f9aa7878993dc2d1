package dev.channels;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An endpoint's iterator and stream source: each step a {@code receive()}. A plain close ends it;
 * a close with a cause throws; an interrupt throws {@link ChannelInterruptedException} with the
 * interrupt status set again (ADR 0003).
 */
final class Receiving<I> implements Iterator<I> {
    private final ExchangeEndpoint<I, ?> endpoint;
    /** The value received by the last step; set by the endpoint while the step owns it. */
    I next;
    private boolean ready;
    private boolean done;

    Receiving(ExchangeEndpoint<I, ?> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean hasNext() {
        if (ready) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            if (endpoint.receiveNext(this)) {
                ready = true;
                return true;
            }
            done = true; // the channel was closed without a cause: the normal end
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelInterruptedException(e);
        }
    }

    @Override
    public I next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the channel is closed");
        }
        I v = next;
        next = null;
        ready = false;
        return v;
    }
}
