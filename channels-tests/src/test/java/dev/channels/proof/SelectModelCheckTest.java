package dev.channels.proof;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
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
 * Model checking of alternation ({@link Selector}) and {@code post} with Lincheck 3.7, in the
 * manner of {@link ProtocolModelCheckTest}: small scenarios of two or three threads, one race
 * each, whose interleavings Lincheck explores (switching threads at shared-memory accesses and
 * parks), each asserting the books at the end: a value a select returned is reported taken at its
 * sender, a select that threw took nothing (the value is still there for a later poll, or its
 * sender took it back), a close reported as a member's event leaves an untaken value its sender's,
 * and a fan-in's own request for more is withdrawn when the select that posted it throws.
 *
 * <p>A select over several members is expressed directly: Lincheck runs the selector's code like
 * any other, so the selecting thread's drain of the signal stack, its looks and its take CAS
 * interleave with the members' deposits, signals and closes. The same limits as there apply
 * (VERIFY.md): sequential consistency only (the access modes of the signal handshake are
 * jcstress's job: {@code SelectTests}), {@code park} may return spuriously (a lost wake-up goes
 * unseen), and timed parks are modelled as untimed, so timed selects use {@code Duration.ZERO}
 * (a poll, which never parks). Blocking selects appear only where the scenario always supplies
 * the arrival or close that ends them.
 *
 * <p>State lives in static fields (an object reachable only through a thread's {@code Runnable}
 * would be treated as thread-local). Invocations: {@link #INVOCATIONS}, 500 quick (CI; the
 * deliberate bugs of the README fail within them) and 20,000 thorough.
 */
class SelectModelCheckTest {

    static final int INVOCATIONS = Modes.pick(500, 20_000);

    // shared with the scenario threads
    static Channel<Object, Object> ch;
    static Channel<Object, Object> ch2;
    static Selector<Object, Object> sel;
    static Arrival<Object, Object> handle;
    static Thread target;
    static volatile String producerSaw;
    static volatile String selectorSaw;
    static volatile List<Object> got;
    static volatile String violation;

    private static void reset() {
        ch = Channels.create(WaitStrategy.park());
        ch2 = Channels.create(WaitStrategy.park());
        try {
            ch.first().start();
            ch.second().start();
            ch2.first().start();
            ch2.second().start();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        sel = null;
        handle = null;
        target = null;
        producerSaw = null;
        selectorSaw = null;
        got = new ArrayList<>();
        violation = null;
    }

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

    private static void expect(boolean ok, String what) {
        if (!ok && violation == null) {
            violation = what;
        }
    }

    private static void check(boolean ok, String what) {
        String v = violation;
        if (v != null || !ok) {
            throw new AssertionError((v != null ? v : what) + " (producer: " + producerSaw + ", selector: " + selectorSaw
                    + ", got: " + got + ")");
        }
    }

    /**
     * One select: records a value in {@code got} and returns "value", or returns "closed",
     * "timed out", "interrupted", "turn held" (every open member holds the turn).
     */
    private static String select(Duration timeout) {
        try {
            Arrival<Object, Object> a = timeout == null ? sel.select() : sel.select(timeout);
            if (a.isClosed()) {
                return "closed";
            }
            got.add(a.value());
            return "value";
        } catch (TimeoutException e) {
            return "timed out";
        } catch (InterruptedException e) {
            return "interrupted";
        } catch (IllegalStateException e) {
            return "turn held";
        }
    }

    /** "taken" or "not taken", from taken() and isReplyPending(), which must agree. */
    private static String cutShort(Endpoint<?, ?> out) {
        boolean pending = out.isReplyPending();
        int taken = out.taken();
        expect(pending == (taken == 1), "isReplyPending() " + pending + " but taken() " + taken);
        return taken == 1 ? "taken" : "not taken";
    }

    /**
     * The producer posts 1 and closes; its receive() then reports the close and whether 1 went
     * over. A blocking select races the close for 1: it returns 1 exactly when the producer is
     * told 1 was taken, and the close event otherwise.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void selectTakeAgainstClose() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset();
            sel = Selector.of(ch.first());
            Thread producer = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.post(1);
                    out.close();
                    out.receive();
                    producerSaw = "answered"; // impossible: nobody answers
                } catch (ChannelClosedException e) {
                    producerSaw = out.taken() == 1 ? "taken" : out.taken() == 0 ? "not taken" : "taken " + out.taken();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread selector = start(() -> selectorSaw = select(null));
            joinAll(producer, selector);
            check(got.isEmpty() ? selectorSaw.equals("closed") : got.equals(List.of(1)), "a wrong select result");
            check(producerSaw.equals(got.isEmpty() ? "not taken" : "taken"), "taken() disagrees with the select");
        });
    }

    /**
     * Two members' peers deposit from two threads while a blocking select and then a poll run;
     * the main thread's final poll takes what is left. 1 and 2 are each returned exactly once.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void twoMembersOneSelect() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset();
            sel = Selector.of(ch.first(), ch2.first());
            Thread p1 = start(() -> post(ch.second(), 1));
            Thread p2 = start(() -> post(ch2.second(), 2));
            Thread selector = start(() -> {
                String first = select(null);
                selectorSaw = first + ", " + select(Duration.ZERO);
            });
            joinAll(p1, p2, selector);
            String last = select(Duration.ZERO);
            check(got.size() == 2 && got.contains(1) && got.contains(2), "1 and 2 not each returned once (last poll: "
                    + last + ")");
            check(last.equals("turn held") || last.equals("value"), "the last poll: " + last);
        });
    }

    private static void post(Endpoint<Object, Object> out, Object v) {
        try {
            out.post(v);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A poll against a send with a zero timeout: the sender's withdrawal CAS against the
     * select's take CAS. The select returned 1 exactly when the sender reports it taken; a final
     * poll finds nothing either way.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void pollAgainstTimedSend() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset();
            sel = Selector.of(ch.first());
            Thread sender = start(() -> {
                Endpoint<Object, Object> out = ch.second();
                try {
                    out.send(1, Duration.ZERO);
                    producerSaw = "answered";
                } catch (TimeoutException e) {
                    producerSaw = cutShort(out);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread selector = start(() -> selectorSaw = select(Duration.ZERO));
            joinAll(sender, selector);
            String last = select(Duration.ZERO);
            check(producerSaw.equals(got.isEmpty() ? "not taken" : "taken"), "taken() disagrees with the selects");
            check(got.isEmpty() || (got.equals(List.of(1)) && selectorSaw.equals("value")),
                    "1 returned by the final poll, after the sender's timeout");
            check(!last.equals("value"), "the final poll found " + got);
        });
    }

    /** A poll against a post: it returns 1, or nothing, and then the final poll returns 1. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void pollAgainstPost() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset();
            sel = Selector.of(ch.first());
            Thread producer = start(() -> post(ch.second(), 1));
            Thread selector = start(() -> selectorSaw = select(Duration.ZERO));
            joinAll(producer, selector);
            String last = select(Duration.ZERO);
            check(got.equals(List.of(1)), "1 not returned exactly once (poll: " + selectorSaw + ", last: " + last + ")");
        });
    }

    /**
     * A dispatcher's Arrival.post (a job) against the worker's poll and close: the worker got
     * the job exactly when the member's taken() is 1 at the close event that the dispatcher's
     * next select reports.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void arrivalPostAgainstClose() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            reset();
            Channel<Object, Object> c = Channels.create(WaitStrategy.park());
            ch = c;
            try {
                c.first().start();
                sel = Selector.of(c.second());
                handle = sel.select(); // the worker's start signal
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            Thread dispatcher = start(() -> {
                try {
                    handle.post(1);
                } catch (ChannelClosedException e) {
                    producerSaw = "refused, taken " + handle.endpoint().taken();
                    return;
                }
                String event = select(null);
                producerSaw = event.equals("closed")
                        ? (handle.endpoint().taken() == 1 ? "taken" : handle.endpoint().taken() == 0 ? "not taken"
                                : "taken " + handle.endpoint().taken())
                        : event;
            });
            Thread worker = start(() -> {
                Endpoint<Object, Object> in = ch.first();
                try {
                    selectorSaw = "got " + in.receive(Duration.ZERO);
                } catch (TimeoutException e) {
                    selectorSaw = "timed out";
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                } finally {
                    in.close();
                }
            });
            joinAll(dispatcher, worker);
            check(selectorSaw.equals("got 1") ? producerSaw.equals("taken")
                    : producerSaw.equals("not taken") || producerSaw.equals("refused, taken 0"),
                    "the dispatcher's books disagree with the worker");
        });
    }

    /**
     * A fan-in that took 0 in setup asks for more when its next select begins. That select
     * polls (so it asks and, finding nothing, withdraws) while the producer polls for the
     * request and, if it got it, posts 1. The final poll of the set takes 1 if the select did
     * not; afterwards no request may be left posted at the producer.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void fanInAskAgainstPoll() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            fanInAfterZero();
            Thread producer = start(FanInScenario::produceOnRequest);
            Thread selector = start(() -> selectorSaw = select(Duration.ZERO));
            joinAll(producer, selector);
            FanInScenario.checkBooks();
        });
    }

    /** As {@link #fanInAskAgainstPoll}, the select blocking and ended by the producer's interrupt. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void fanInAskAgainstInterrupt() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            fanInAfterZero();
            Thread selector = thread(() -> {
                selectorSaw = select(null);
                Thread.interrupted(); // a late interrupt: cleared, as the scenario is over
            });
            target = selector;
            selector.start();
            Thread producer = start(() -> {
                FanInScenario.produceOnRequest();
                target.interrupt();
            });
            joinAll(producer, selector);
            FanInScenario.checkBooks();
        });
    }

    private static void fanInAfterZero() {
        reset();
        sel = Selector.fanIn(ch.first());
        try {
            ch.second().post(0);
            Arrival<Object, Object> a = sel.select();
            if (a.isClosed() || !Integer.valueOf(0).equals(a.value())) {
                throw new AssertionError("setup: " + a);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The producer side and the books of the fan-in scenarios. */
    static final class FanInScenario {
        private FanInScenario() {
        }

        static void produceOnRequest() {
            Endpoint<Object, Object> out = ch.second();
            try {
                Object request = out.receive(Duration.ZERO);
                expect(request == null, "the fan-in's request was " + request);
                out.post(1);
                producerSaw = "posted";
            } catch (TimeoutException e) {
                producerSaw = "no request";
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        static void checkBooks() {
            String last = select(Duration.ZERO);
            Endpoint<Object, Object> out = ch.second();
            String leftover;
            try {
                leftover = "request left posted: " + out.receive(Duration.ZERO);
            } catch (TimeoutException e) {
                leftover = null;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            check(leftover == null, leftover + " (the final poll: " + last + ")");
            check(producerSaw.equals("posted") ? got.equals(List.of(1)) : got.isEmpty(),
                    "1 not returned exactly once, or returned without being posted (the final poll: " + last + ")");
        }
    }
}
