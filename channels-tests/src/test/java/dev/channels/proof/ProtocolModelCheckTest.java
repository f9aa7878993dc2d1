package dev.channels.proof;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.testing.Modes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of the protocol with Lincheck 3.7: each scenario runs two or three threads
 * against one channel, and Lincheck's model checker explores their interleavings, switching
 * threads at shared-memory accesses and parks; a failed check, an unexpected exception or a hang
 * is reported with the interleaving that led to it. Each scenario asserts the books at the end:
 * the receiver got a value exactly when the sender was told it was taken, batch items arrive as
 * exactly the first {@code taken()} items in order, and {@code taken()} and
 * {@code isReplyPending()} agree.
 *
 * <p>The scenarios are deliberately small, one race each: Lincheck picks its thread switches
 * among all the events of an invocation, so a long scenario dilutes the switches that matter.
 * Sensitivity was checked by mutation: a take written as a plain store instead of a CAS (a value
 * both taken and retracted) fails {@link #timeoutAgainstTake} within the quick invocations, and a
 * close that does not freeze a batch fails {@link #arrayBatchAgainstClose}.
 *
 * <p>Limits (VERIFY.md): Lincheck assumes sequential consistency, so a too-weak access mode goes
 * unseen (jcstress's job: DekkerTests and the rest); {@code park} may return spuriously in its
 * model, so a lost wake-up is not reported (jcstress's WakeupTests); timed parks are modelled as
 * untimed, so the scenarios use only {@code Duration.ZERO} timeouts, which never park. Blocking
 * calls do not fit Lincheck's data-structure API, hence {@code runConcurrentTest} with explicit
 * threads.
 *
 * <p>The channel and the results live in static fields: Lincheck treats an object reachable only
 * through a thread's {@code Runnable} as thread-local and would not explore its races (it also
 * restores static fields after each invocation, so nothing can be counted across invocations in
 * them). Invocations per scenario: {@link #INVOCATIONS}, 1,000 quick (about 10 s a scenario here),
 * 20,000 thorough.
 */
class ProtocolModelCheckTest {

    /** Interleavings explored per scenario: quick (CI) or thorough ({@code -Dstress.mode=thorough}). */
    static final int INVOCATIONS = Modes.pick(1_000, 20_000);

    // shared with the scenario threads (see the class comment)
    static Channel<Object, Object> ch;
    static Thread target;
    static volatile String senderSaw;
    static volatile String receiverSaw;
    static volatile List<Object> received;
    /** A check that failed on a scenario thread (an exception there would only end that thread). */
    static volatile String violation;
    /** Set once a close() call has returned: no call that begins afterwards may hand anything over. */
    static volatile boolean closeReturned;

    /**
     * A fresh channel; if {@code started}, the first endpoint has handed over its start signal
     * and the second has taken it (neither call waits), so the scenario begins at the first value
     * and the model checker spends its switches on the race itself.
     */
    private static void reset(boolean started) {
        ch = Channels.create(WaitStrategy.park());
        if (started) {
            try {
                ch.first().start();
                ch.second().start();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        target = null;
        senderSaw = null;
        receiverSaw = null;
        received = new ArrayList<>();
        violation = null;
        closeReturned = false;
    }

    /** Closes an endpoint and records that the close has returned. */
    private static void close(Endpoint<?, ?> e) {
        e.close();
        closeReturned = true;
    }

    /** Starts a scenario thread whose unexpected exception (an AssertionError from the core, say) fails the scenario. */
    private static Thread start(Runnable body) {
        Thread t = thread(body);
        t.start();
        return t;
    }

    private static Thread thread(Runnable body) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                expect(false, "a scenario thread threw " + e);
            }
        });
    }

    private static void joinAll(Thread... threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Records a failed check on a scenario thread; the scenario's final check reports it. */
    private static void expect(boolean ok, String what) {
        if (!ok && violation == null) {
            violation = what;
        }
    }

    /** A check in the scenario's main thread, after the joins. */
    private static void check(boolean ok, String what) {
        String v = violation;
        if (v != null || !ok) {
            throw new AssertionError((v != null ? v : what) + " (sender: " + senderSaw + ", receiver: " + receiverSaw
                    + ", received: " + received + ")");
        }
    }

    /** "taken" or "not taken", from the sender's taken() and isReplyPending(), which must agree. */
    private static String afterInterruptOrTimeout(Endpoint<?, ?> out) {
        boolean pending = out.isReplyPending();
        int taken = out.taken();
        expect(pending == (taken == 1), "isReplyPending() " + pending + " but taken() " + taken);
        return taken == 1 ? "taken" : "not taken";
    }

    /**
     * Receives until the channel closes, recording every value; a receive() that began after a
     * close() had returned must not return a value.
     */
    private static void receiveAll(Endpoint<Object, Object> in) {
        try {
            for (;;) {
                boolean closedBefore = closeReturned;
                Object x = in.receive();
                expect(!closedBefore, "a receive() that began after close() had returned got " + x);
                received.add(x);
            }
        } catch (ChannelClosedException e) {
            receiverSaw = "closed";
        } catch (InterruptedException e) {
            receiverSaw = "interrupted";
        }
    }

    /** A timed-out send racing a poll: the retraction CAS against the take CAS. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void timeoutAgainstTake() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread sender = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.send(1, Duration.ZERO);
                    senderSaw = "answered"; // impossible: the receiver does not answer
                } catch (TimeoutException e) {
                    senderSaw = afterInterruptOrTimeout(out);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread receiver = start(() -> {
                try {
                    received.add(ch.first().receive(Duration.ZERO));
                } catch (TimeoutException e) {
                    receiverSaw = "timed out";
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            joinAll(sender, receiver);
            check(senderSaw.equals(received.isEmpty() ? "not taken" : "taken"), "taken() disagrees with the receiver");
            check(received.isEmpty() || received.equals(List.of(1)), "a wrong value");
        });
    }

    /**
     * The sender blocks in send(1); the receiver interrupts it and then polls: the sender's
     * retraction (on the interrupt) races the poll's take.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void interruptAgainstTake() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread sender = thread(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.send(1);
                    senderSaw = "answered"; // impossible: the receiver does not answer
                } catch (InterruptedException e) {
                    expect(!Thread.currentThread().isInterrupted(), "InterruptedException left the status set");
                    senderSaw = afterInterruptOrTimeout(out);
                }
            });
            target = sender;
            sender.start();
            Thread receiver = start(() -> {
                target.interrupt();
                try {
                    received.add(ch.first().receive(Duration.ZERO));
                } catch (TimeoutException e) {
                    receiverSaw = "timed out";
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            joinAll(sender, receiver);
            check(senderSaw.equals(received.isEmpty() ? "not taken" : "taken"), "taken() disagrees with the receiver");
        });
    }

    /** The sender blocks in send(1); the receiver polls once and closes: the close races the take. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void closeAgainstSend() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread sender = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.send(1);
                    senderSaw = "answered"; // impossible: the receiver does not answer
                } catch (ChannelClosedException e) {
                    senderSaw = out.taken() == 1 ? "taken" : out.taken() == 0 ? "not taken" : "taken " + out.taken();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread receiver = start(() -> {
                Endpoint<Object, Object> in = ch.first();
                try {
                    received.add(in.receive(Duration.ZERO));
                } catch (TimeoutException e) {
                    receiverSaw = "timed out";
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                } finally {
                    in.close();
                }
            });
            joinAll(sender, receiver);
            check(senderSaw.equals(received.isEmpty() ? "not taken" : "taken"), "taken() disagrees with the receiver");
        });
    }

    /** The receiver blocks in receive(); the sender polls once (send with a zero timeout) and closes. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void closeAgainstReceive() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread sender = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.send(1, Duration.ZERO);
                    senderSaw = "taken"; // and answered: the receiver's next receive() hands over null
                } catch (TimeoutException e) {
                    senderSaw = afterInterruptOrTimeout(out);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                } finally {
                    out.close();
                }
            });
            Thread receiver = start(() -> receiveAll(ch.first()));
            joinAll(sender, receiver);
            check(senderSaw.equals(received.isEmpty() ? "not taken" : "taken"), "taken() disagrees with the receiver");
        });
    }

    /**
     * From the very start (the second endpoint waiting for the start signal): the sender sends 1
     * then 2, the receiver receives until the close, a third thread closes at any moment. The
     * receiver got exactly the values the sender counts as taken, in order.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void startSendReceiveAgainstClose() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(false);
            Thread sender = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                int taken = 0;
                try {
                    out.send(1);
                    taken = 1;
                    out.send(2);
                    taken = 2;
                    out.close();
                } catch (ChannelClosedException e) {
                    taken += out.taken();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                senderSaw = "taken " + taken;
            });
            Thread receiver = start(() -> receiveAll(ch.first()));
            Thread closer = start(() -> close(ch.first()));
            joinAll(sender, receiver, closer);
            checkPrefix(2);
        });
    }

    /**
     * An array batch of three against item-by-item receives and a close from a third thread: the
     * receiver gets exactly the first taken() items, in order.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void arrayBatchAgainstClose() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread sender = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.sendAll(new Object[] {1, 2, 3}, 0, 3);
                    senderSaw = "taken 3";
                    out.close();
                } catch (ChannelClosedException e) {
                    senderSaw = "taken " + out.taken();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread receiver = start(() -> receiveAll(ch.first()));
            Thread closer = start(() -> close(ch.second()));
            joinAll(sender, receiver, closer);
            checkPrefix(3);
        });
    }

    /**
     * An iterator batch of three (pulled on the receiver's thread) against a close from a third
     * thread, which may land while the receiver is inside the iterator: the sender then waits
     * for it to leave, and counts the item being pulled.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void iteratorBatchAgainstClose() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread sender = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.sendAll(List.<Object>of(1, 2, 3));
                    senderSaw = "taken 3";
                    out.close();
                } catch (ChannelClosedException e) {
                    senderSaw = "taken " + out.taken();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread receiver = start(() -> receiveAll(ch.first()));
            Thread closer = start(() -> close(ch.first()));
            joinAll(sender, receiver, closer);
            checkPrefix(3);
        });
    }

    /**
     * The sender of an array batch of three is interrupted by the receiver, which then polls for
     * items: the freeze (on the interrupt) races the takes. The sender's taken() is exactly the
     * number of items the receiver got, and a reply is pending exactly when some were taken.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void interruptAgainstBatchTakes() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread sender = thread(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.sendAll(new Object[] {1, 2, 3}, 0, 3);
                    senderSaw = "answered"; // impossible: the receiver does not answer
                } catch (InterruptedException e) {
                    expect(out.isReplyPending() == (out.taken() > 0), "isReplyPending() and taken() disagree");
                    senderSaw = "taken " + out.taken();
                }
            });
            target = sender;
            sender.start();
            Thread receiver = start(() -> {
                target.interrupt();
                Endpoint<Object, Object> in = ch.first();
                for (int i = 0; i < 3; i++) {
                    try {
                        received.add(in.receive(Duration.ZERO));
                    } catch (TimeoutException e) {
                        // nothing there (yet, or any more)
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            joinAll(sender, receiver);
            checkPrefix(3);
        });
    }

    /**
     * The owner of the first endpoint blocks in receive(); an intruder polls the same endpoint,
     * then sends 1 from the second endpoint. The intruder is turned away, or gets in while the
     * owner is outside; either way the owner gets 1 exactly once.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS) // thorough mode; Lincheck reports a hang in its model itself
    void twoThreadsOnOneEndpoint() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset(true);
            Thread owner = start(() -> {
                Endpoint<Object, Object> in = ch.first();
                try {
                    for (;;) {
                        try {
                            received.add(in.receive());
                            break;
                        } catch (IllegalStateException e) {
                            receiverSaw = "turned away once"; // the intruder was inside: try again
                        }
                    }
                    in.close();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread intruder = start(() -> {
                try {
                    ch.first().receive(Duration.ZERO);
                    senderSaw = "polled a value";
                } catch (IllegalStateException | TimeoutException e) {
                    // turned away, or in and out while the owner was not inside
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.send(1);
                } catch (ChannelClosedException e) {
                    expect(out.taken() == 1, "the owner got 1 but the sender's taken() is " + out.taken());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            joinAll(owner, intruder);
            check(senderSaw == null, "the intruder's poll took a value");
            check(received.equals(List.of(1)), "the owner did not get 1 exactly once");
        });
    }

    /** What the receiver got is exactly the first {@code taken} of 1 .. max, in order. */
    private static void checkPrefix(int max) {
        int n = received.size();
        check(("taken " + n).equals(senderSaw), "the sender's count differs from the items received");
        for (int i = 0; i < n; i++) {
            check(received.get(i).equals(i + 1), "items out of order or duplicated");
        }
        check(n <= max, "more items than sent");
    }
}
