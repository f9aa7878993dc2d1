package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.testing.Config;
import dev.channels.testing.EachConfig;
import dev.channels.testing.Peer;
import dev.channels.testing.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;

/**
 * Starting and scoping (DESIGN.md, "Starting and scoping"): try-with-resources {@code open()}
 * starts and closes; the scoped {@code open(options, body)} starts ({@code START}), swallows a
 * plain close by the other end of this channel ({@code CLEAR}) and closes ({@code CLOSE}), each
 * option independently of the others.
 */
@Timeout(30)
class ScopeTest {

    /** All eight subsets of the options. */
    private static List<Set<ScopeOption>> allCombinations() {
        List<Set<ScopeOption>> all = new ArrayList<>();
        for (int mask = 0; mask < 8; mask++) {
            Set<ScopeOption> s = EnumSet.noneOf(ScopeOption.class);
            for (ScopeOption o : ScopeOption.values()) {
                if ((mask & (1 << o.ordinal())) != 0) {
                    s.add(o);
                }
            }
            all.add(s);
        }
        return all;
    }

    private static List<String> drain(Endpoint<String, String> e) {
        List<String> got = new ArrayList<>();
        e.forEach(got::add);
        return got;
    }

    /**
     * On the second endpoint, with each combination of options and a body that ends normally:
     * {@code START} makes the body wait until the first endpoint started, and {@code CLOSE}
     * closes the channel at the end, which ends the other end's iteration.
     */
    @EachConfig
    void secondEndpointScopeThatEndsNormally(Config config) throws Exception {
        for (Set<ScopeOption> options : allCombinations()) {
            String label = "options " + options;
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> second = ch.second();
            CountDownLatch entered = new CountDownLatch(1);
            Peer<Void> opener = config.start("opener", () -> {
                second.open(options, c -> {
                    assertSame(second, c, label);
                    entered.countDown();
                    c.send("v");
                });
                return null;
            });
            if (options.contains(ScopeOption.START)) {
                Probe.awaitWaitingInChannel(opener.thread());
                assertEquals(1, entered.getCount(), label + ": the body waits for the first endpoint to start");
            } else {
                entered.await(); // the body runs at once
            }
            Peer<List<String>> receiver = config.start("receiver", () -> drain(ch.first()));
            opener.join();
            assertEquals(options.contains(ScopeOption.CLOSE), second.isClosed(), label + ": closed at the end");
            if (!options.contains(ScopeOption.CLOSE)) {
                Probe.awaitWaitingInChannel(receiver.thread());
                assertFalse(receiver.isDone(), label + ": the receiver still waits");
                ch.first().close();
            }
            assertEquals(List.of("v"), receiver.join(), label);
        }
    }

    /**
     * On the first endpoint, with each combination of options: {@code START} hands the start
     * signal over before the body without waiting (a reply is pending at entry), and
     * {@code CLOSE} closes the channel at the end.
     */
    @EachConfig
    void firstEndpointScopeThatEndsNormally(Config config) throws Exception {
        for (Set<ScopeOption> options : allCombinations()) {
            String label = "options " + options;
            Channel<String, String> ch = config.channel();
            Endpoint<String, String> first = ch.first();
            AtomicBoolean pendingAtEntry = new AtomicBoolean();
            Peer<String> opener = config.start("opener", () -> {
                List<String> got = new ArrayList<>();
                first.open(options, c -> {
                    pendingAtEntry.set(c.isReplyPending());
                    got.add(c.receive());
                });
                return got.get(0);
            });
            Endpoint<String, String> second = ch.second();
            Peer<String> sender = config.start("sender", () -> second.send("a"));
            assertEquals("a", opener.join(), label);
            assertEquals(options.contains(ScopeOption.START), pendingAtEntry.get(),
                    label + ": started before the body");
            assertEquals(options.contains(ScopeOption.CLOSE), first.isClosed(), label + ": closed at the end");
            if (options.contains(ScopeOption.CLOSE)) {
                assertTrue(sender.failure(ChannelClosedException.class).isClosedByOtherEnd(), label);
            } else {
                Probe.awaitWaitingInChannel(sender.thread());
                first.close();
                sender.failure(ChannelClosedException.class);
            }
            assertEquals(1, second.taken(), label + ": a was taken");
        }
    }

    /**
     * With each combination of options, a plain close by the other end while the body waits ends
     * the scope quietly with {@code CLEAR}, and throws {@link ChannelClosedException} without it.
     */
    @EachConfig
    void clearSwallowsAPlainCloseByTheOtherEnd(Config config) throws Exception {
        for (Set<ScopeOption> options : allCombinations()) {
            String label = "options " + options;
            Channel<String, String> ch = config.channel();
            Peer<Void> opener = config.start("opener", () -> {
                ch.second().open(options, c -> {
                    c.send("v");
                    throw new AssertionError(label + ": send returned after the close");
                });
                return null;
            });
            Endpoint<String, String> first = ch.first();
            assertEquals("v", first.receive(), label);
            Probe.awaitWaitingInChannel(opener.thread());
            first.close();
            if (options.contains(ScopeOption.CLEAR)) {
                opener.join(Peer.PROMPTLY);
            } else {
                ChannelClosedException e = opener.failure(ChannelClosedException.class, Peer.PROMPTLY);
                assertTrue(e.isClosedByOtherEnd(), label);
                assertNull(e.getCause(), label);
            }
        }
    }

    /**
     * With each combination of options, an exception from the body propagates (even with
     * {@code CLEAR}), and {@code CLOSE} closes the channel however the scope ends.
     */
    @EachConfig
    void theBodysExceptionsPropagateAndCloseStillCloses(Config config) throws Exception {
        for (Set<ScopeOption> options : allCombinations()) {
            for (Exception thrown : List.of(new IllegalArgumentException("boom"), new InterruptedException("stop"))) {
                String label = "options " + options + ", " + thrown;
                Channel<String, String> ch = config.channel();
                Endpoint<String, String> first = ch.first();
                first.start(); // so that START does not wait
                Peer<Void> opener = config.start("opener", () -> {
                    ch.second().open(options, c -> {
                        if (thrown instanceof InterruptedException ie) {
                            throw ie;
                        }
                        throw (RuntimeException) thrown;
                    });
                    return null;
                });
                assertSame(thrown, opener.failure(), label);
                assertEquals(options.contains(ScopeOption.CLOSE), first.isClosed(), label);
                if (options.contains(ScopeOption.CLOSE)) {
                    assertTrue(assertThrows(ChannelClosedException.class, first::receive).isClosedByOtherEnd());
                } else {
                    assertThrows(TimeoutException.class, () -> first.receive(Duration.ZERO));
                }
            }
        }
    }

    /**
     * {@code CLEAR} swallows only a plain close by the other end of this channel: a close with a
     * cause, a close of this end (by the body or by another thread), and the plain end of another
     * channel all propagate.
     */
    @EachConfig
    void clearSwallowsNothingElse(Config config) throws Exception {
        Set<ScopeOption> all = EnumSet.allOf(ScopeOption.class);

        // the other end closes with a cause
        Channel<String, String> a = config.channel();
        Exception cause = new Exception("the reason");
        Peer<Void> withCause = config.start("opener", () -> {
            a.second().open(all, c -> c.send("v"));
            return null;
        });
        assertEquals("v", a.first().receive());
        Probe.awaitWaitingInChannel(withCause.thread());
        a.first().close(cause);
        assertSame(cause, withCause.failure(ChannelClosedException.class).getCause());

        // the body closes this end, then calls it
        Channel<String, String> b = config.channel();
        b.first().start();
        Peer<Void> selfClosed = config.start("opener", () -> {
            b.second().open(all, c -> {
                c.close();
                c.send("v");
            });
            return null;
        });
        assertFalse(selfClosed.failure(ChannelClosedException.class).isClosedByOtherEnd());

        // another thread closes this end while the body waits: a cancellation, not the end of data
        Channel<String, String> c = config.channel();
        Peer<Void> cancelled = config.start("opener", () -> {
            c.second().open(all, e -> e.send("v"));
            return null;
        });
        Probe.awaitWaitingInChannel(cancelled.thread());
        c.second().close();
        assertFalse(cancelled.failure(ChannelClosedException.class).isClosedByOtherEnd());

        // the plain end of another channel, met inside the scope
        Channel<String, String> outer = config.channel();
        Channel<String, String> other = config.channel();
        outer.first().start();
        other.second().close(); // a plain close by the other end of the other channel
        Peer<Void> nested = config.start("opener", () -> {
            outer.second().open(all, e -> other.first().receive());
            return null;
        });
        ChannelClosedException e = nested.failure(ChannelClosedException.class);
        assertTrue(e.isClosedByOtherEnd(), "a plain close by the other end, but of the other channel");
        assertTrue(outer.first().isClosed(), "CLOSE still closed the scope's channel");
    }

    /**
     * A scope whose start fails because the other end closed plainly ends quietly with
     * {@code CLEAR} and never runs the body; interrupted while starting, it throws
     * {@link InterruptedException} and {@code CLOSE} still closes.
     */
    @EachConfig
    void aScopeWhoseStartFails(Config config) throws Exception {
        for (Set<ScopeOption> options : allCombinations()) {
            if (!options.contains(ScopeOption.START)) {
                continue;
            }
            String label = "options " + options;
            Channel<String, String> closed = config.channel();
            closed.first().close();
            AtomicBoolean ran = new AtomicBoolean();
            Peer<Void> opener = config.start("opener", () -> {
                closed.second().open(options, c -> ran.set(true));
                return null;
            });
            if (options.contains(ScopeOption.CLEAR)) {
                opener.join();
            } else {
                assertTrue(opener.failure(ChannelClosedException.class).isClosedByOtherEnd(), label);
            }
            assertFalse(ran.get(), label + ": the body never ran");

            Channel<String, String> ch = config.channel();
            Peer<Void> interrupted = config.start("opener", () -> {
                ch.second().open(options, c -> ran.set(true));
                return null;
            });
            Probe.awaitWaitingInChannel(interrupted.thread());
            interrupted.thread().interrupt();
            interrupted.failure(InterruptedException.class, Peer.PROMPTLY);
            assertFalse(ran.get(), label + ": the body never ran");
            assertEquals(options.contains(ScopeOption.CLOSE), ch.first().isClosed(), label);
        }
    }

    /**
     * A scope opened by a second thread on an endpoint another thread is inside of fails with
     * {@link IllegalStateException} and, whatever its options, leaves the channel alone: the
     * owner's call is unaffected and the channel keeps working.
     */
    @EachConfig
    void anIntrudersScopeLeavesTheOwnersChannelAlone(Config config) throws Exception {
        for (Set<ScopeOption> options : allCombinations()) {
            String label = "options " + options;
            Channel<String, String> ch = config.channel();
            Peer<String> owner = config.start("owner", () -> {
                String v = ch.first().receive();
                ch.first().close(); // ends the sender's send, which waits for the next value
                return v;
            });
            Probe.awaitWaitingInChannel(owner.thread());
            AtomicBoolean ran = new AtomicBoolean();
            Peer<Void> intruder = config.start("intruder", () -> {
                ch.first().open(options, c -> {
                    ran.set(true);
                    c.receive(); // refused: the owner is inside a call
                });
                return null;
            });
            intruder.failure(IllegalStateException.class);
            assertEquals(!options.contains(ScopeOption.START), ran.get(), label + ": the body ran iff START was off");
            assertFalse(ch.first().isClosed(), label + ": the intruder's scope closed the channel");
            Peer<Void> sender = config.start("sender", () -> {
                assertThrows(ChannelClosedException.class, () -> ch.second().send("x"));
                assertEquals(1, ch.second().taken(), "x was taken before the close");
                return null;
            });
            assertEquals("x", owner.join(), label + ": the owner's call received the value");
            sender.join();
        }
    }

    /**
     * {@code open(body)} is {@code open(all options, body)}: it waits for the start, clears the
     * other end's plain close, and closes.
     */
    @EachConfig
    void openWithABodyUsesAllOptions(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        CountDownLatch entered = new CountDownLatch(1);
        Peer<Void> opener = config.start("opener", () -> {
            ch.second().open(c -> {
                entered.countDown();
                c.send("v");
                c.send("w");
            });
            return null;
        });
        Probe.awaitWaitingInChannel(opener.thread());
        assertEquals(1, entered.getCount(), "START: the body waits for the first endpoint");
        Endpoint<String, String> first = ch.first();
        assertEquals("v", first.receive());
        first.close();
        opener.join(Peer.PROMPTLY); // CLEAR

        Channel<String, String> ch2 = config.channel();
        Peer<List<String>> receiver = config.start("receiver", () -> drain(ch2.first()));
        ch2.second().open(c -> c.send("v"));
        assertTrue(ch2.second().isClosed(), "CLOSE");
        assertEquals(List.of("v"), receiver.join());
    }

    /**
     * Try-with-resources {@code open()} returns the endpoint itself once started (on the second
     * endpoint, once the first started; on the first, at once) and closes it at the end.
     */
    @EachConfig
    void tryWithResourcesOpenStartsAndCloses(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        CountDownLatch opened = new CountDownLatch(1);
        Peer<Void> sender = config.start("sender", () -> {
            try (var out = ch.second().open()) {
                assertSame(ch.second(), out);
                opened.countDown();
                out.send("a");
            }
            return null;
        });
        Probe.awaitWaitingInChannel(sender.thread());
        assertEquals(1, opened.getCount(), "open() waits for the first endpoint to start");
        Peer<List<String>> receiver = config.start("receiver", () -> {
            try (var in = ch.first().open()) {
                assertSame(ch.first(), in);
                assertTrue(in.isReplyPending(), "open() started the first endpoint");
                return drain(in);
            }
        });
        sender.join();
        assertEquals(List.of("a"), receiver.join(), "the sender's close ended the receiver's loop");
    }

    /** Null options or a null body are rejected before anything happens. */
    @EachConfig
    void nullOptionsOrBodyAreRejected(Config config) throws Exception {
        Channel<String, String> ch = config.channel();
        Endpoint<String, String> first = ch.first();
        assertThrows(NullPointerException.class, () -> first.open(null, c -> { }));
        assertThrows(NullPointerException.class, () -> first.open(EnumSet.allOf(ScopeOption.class), null));
        assertThrows(NullPointerException.class, () -> first.open((Endpoint.Body<String, String>) null));
        assertFalse(first.isReplyPending(), "not started");
        assertFalse(first.isClosed(), "not closed");
    }
}
