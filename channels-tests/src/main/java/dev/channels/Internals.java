package dev.channels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Reaches into the protocol for the proofs in this module (jcstress, Lincheck); not part of the
 * library. It lives in package {@code dev.channels} of the test module, which sees the core's
 * package-private classes because both jars sit on the class path.
 *
 * <p>It calls the core's own private methods through method handles rather than copying what they
 * do, so a scenario set up here is exactly the state the real call would leave; if their
 * signatures change, class initialization fails loudly and so does every test that uses it.
 */
public final class Internals {
    private Internals() {
    }

    private static final MethodHandle PREPARE_BATCH;
    private static final MethodHandle DEPOSIT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(ExchangeEndpoint.class, MethodHandles.lookup());
            PREPARE_BATCH = l.findVirtual(ExchangeEndpoint.class, "prepareBatch",
                    MethodType.methodType(Batch.class, Thread.class, String.class));
            DEPOSIT = l.findVirtual(ExchangeCore.class, "depositBatch",
                    MethodType.methodType(boolean.class, Batch.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Does what {@code sender.sendAll(items, 0, items.length)} does up to and including its
     * deposit, and returns instead of waiting: the batch is in the slot, and the sender endpoint
     * has a reply pending. The sender's next call ({@code receive(Duration.ZERO)}, say) runs the
     * rest of sendAll's wait and reports {@link Endpoint#taken()} as sendAll would. The sender
     * must hold the turn, and no other thread may be inside a call on it.
     *
     * @param sender the endpoint that sends the batch
     * @param items  the items; the array stays in use until the batch is over
     */
    public static void depositBatch(Endpoint<?, ?> sender, Object[] items) {
        deposit(sender, b -> b.armArray(items, 0, items.length));
    }

    /**
     * As {@link #depositBatch}, for {@code sender.sendAll(items)} with an iterator: the receiving
     * thread pulls from it.
     *
     * @param sender the endpoint that sends the batch
     * @param items  the iterator, pulled on the receiving thread
     */
    public static void depositBatch(Endpoint<?, ?> sender, Iterator<?> items) {
        deposit(sender, b -> b.armIterator(items));
    }

    private static void deposit(Endpoint<?, ?> sender, Consumer<Batch> arm) {
        ExchangeEndpoint<?, ?> e = (ExchangeEndpoint<?, ?>) sender;
        try {
            Batch b = (Batch) PREPARE_BATCH.invoke(e, Thread.currentThread(), "sendAll");
            arm.accept(b);
            if (!(boolean) DEPOSIT.invoke(e, b)) {
                throw new IllegalStateException("the channel is closed");
            }
        } catch (RuntimeException | Error x) {
            throw x;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
