package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One endpoint's membership in a {@link Selector}, and the {@link Arrival} a select returns for
 * it. Its {@link MemberSignal} is published in the endpoint's signal field of the {@link Exchange}
 * for the whole membership, so that every deposit and close of the other end signals it:
 * readiness is pushed to the selector, never found by scanning the members.
 */
final class Member<I, O> implements Arrival<I, O> {
    final SelectCore<I, O> selector;
    final ReadyQueue<I, O> queue;
    final ExchangeEndpoint<?, ?> endpoint;
    final int index;

    /** 1 while this member is on the selector's signal stack or local queue (at most once). */
    volatile int queued;
    /** The link in the signal stack (written before the push CAS) or in the selector's local queue. */
    Member<I, O> next;

    // Owned by the selecting thread (published between selecting threads by the selector's owner CAS).
    /** The member can have an arrival (it does not hold the turn): counted in the selector. */
    boolean awaiting;
    /** Its close was reported; it has left the set. */
    boolean gone;
    /** What the last select that returned this member took. */
    Object value;
    Closed closed;

    /** What the other end reads to signal this member: published in the endpoint's signal field. */
    final MemberSignal signal;

    Member(SelectCore<I, O> selector, ReadyQueue<I, O> queue, ExchangeEndpoint<?, ?> endpoint, int index) {
        this.selector = selector;
        this.queue = queue;
        this.endpoint = endpoint;
        this.index = index;
        this.signal = new MemberSignal(this, queue);
    }

    /**
     * Queues this member for a look whether or not the selector scans: a close, which a scan of
     * the members that wait for an arrival would not notice on a member holding the turn.
     */
    void signalClosed() {
        // volatile read, then CAS: the selector clears queued (volatile) before it looks at the slot,
        // so either it sees this deposit or this CAS sees 0 and queues the member again (Dekker)
        if (queued == 0 && QUEUED.compareAndSet(this, 0, 1)) {
            queue.push(this);
        }
    }

    /** The selector took this member off its queue; volatile, before it looks at the slot. */
    void dequeued() {
        queued = 0;
    }

    /** The selector queues this member itself (a batch with more items); false if it is queued already. */
    boolean requeue() {
        return QUEUED.compareAndSet(this, 0, 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Endpoint<? extends I, ? super O> endpoint() {
        return (Endpoint<? extends I, ? super O>) endpoint;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    @SuppressWarnings("unchecked")
    public I value() {
        if (closed != null) {
            throw new IllegalStateException("this arrival is the close of member " + index + ", not a value: check isClosed()");
        }
        return (I) value;
    }

    @Override
    public boolean isClosed() {
        return closed != null;
    }

    @Override
    public Throwable cause() {
        return closed == null ? null : closed.cause();
    }

    @Override
    public void post(O value) {
        selector.post(this, value);
    }

    @Override
    public Arrival<I, O> send(O value) throws InterruptedException {
        return selector.returned(selector.postThenSelect(this, value));
    }

    @Override
    public String toString() {
        return "Arrival[member " + index + ": " + (closed != null ? "closed" + (closed.cause() != null ? " with " + closed.cause() : "")
                : "value") + "]";
    }

    private static final VarHandle QUEUED;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(Member.class, "queued", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
