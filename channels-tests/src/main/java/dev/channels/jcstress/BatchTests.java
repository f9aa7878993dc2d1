package dev.channels.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import dev.channels.Internals;
import dev.channels.WaitStrategy;
import dev.channels.jcstress.Fixtures.Box;
import dev.channels.jcstress.Fixtures.InterruptHandshake;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * Subject: batch handoff against close (and interrupt). A batch goes over item by item, each
 * take a CAS on the batch's state word; a close or the sender's interrupt freezes that word. The
 * sender's {@code taken()} must equal the number of items the receiver got, items arrive once
 * and in order with their fields visible, and the sender (blocked, parked, or waiting for the
 * receiver to leave the iterator) is always woken.
 */
public class BatchTests {
    private BatchTests() {
    }

    static Box[] boxes(int from, int n) {
        Box[] items = new Box[n];
        for (int i = 0; i < n; i++) {
            items[i] = Box.of(from + i);
        }
        return items;
    }

    /**
     * An array batch of four, received in two receiveInto calls (three, then the last one), then
     * closed by the receiver: the fields written before sendAll are visible, the counts are
     * exact, and the sender's taken() is 4.
     */
    @JCStressTest
    @Outcome(id = "closed-taken-4, 3\\+1:10-11-12-13", expect = ACCEPTABLE,
            desc = "3 items, then the last one, each field visible; the sender learns all 4 were taken")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated, reordered or seen without its field; a wrong count")
    @Description("sendAll(array) against receiveInto, then close")
    @State
    public static class ArrayHandoff {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());

        @Actor
        public void sender(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            try {
                second.sendAll(boxes(10, 4), 0, 4);
                r.r1 = "answered";
            } catch (ChannelClosedException e) {
                r.r1 = Fixtures.closed(second);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void receiver(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            try {
                Object[] buf = new Object[6];
                int n1 = first.receiveInto(buf, 0, 3);
                int n2 = first.receiveInto(buf, n1, 3);
                StringBuilder sb = new StringBuilder().append(n1).append('+').append(n2).append(':');
                for (int i = 0; i < n1 + n2; i++) {
                    sb.append(i == 0 ? "" : "-").append(Fixtures.field(buf[i]));
                }
                r.r2 = sb.toString();
            } catch (InterruptedException | RuntimeException e) {
                r.r2 = e.toString();
            } finally {
                first.close();
            }
        }
    }

    /**
     * A batch of four is in the slot (deposited in the state's constructor with the core's own
     * deposit, see {@link Internals#depositBatch}); the receiver takes items one by one while
     * another thread closes. Whatever the interleaving, the sender's taken() (computed by its own
     * next call, as sendAll computes it) equals the number of items the receiver got.
     */
    @JCStressTest
    @Outcome(id = "0:, sender-taken-0", expect = ACCEPTABLE, desc = "the close froze the batch before any take")
    @Outcome(id = "1:10, sender-taken-1", expect = ACCEPTABLE, desc = "one take won against the freeze")
    @Outcome(id = "2:10-11, sender-taken-2", expect = ACCEPTABLE, desc = "two takes won against the freeze")
    @Outcome(id = "3:10-11-12, sender-taken-3", expect = ACCEPTABLE, desc = "three takes won against the freeze")
    @Outcome(id = "4:10-11-12-13, sender-taken-4", expect = ACCEPTABLE, desc = "all taken before the close")
    @Outcome(expect = FORBIDDEN, desc = "the sender's count differs from what the receiver got: items lost or duplicated")
    @Description("receive() item by item from a batch against close")
    @State
    public static class CloseVsTake {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        {
            Internals.depositBatch(ch.second(), boxes(10, 4));
        }

        @Actor
        public void receiver(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            StringBuilder sb = new StringBuilder();
            int n = 0;
            try {
                for (; n < 4; n++) {
                    String item = Fixtures.field(first.receive());
                    sb.append(n == 0 ? "" : "-").append(item);
                }
            } catch (ChannelClosedException e) {
                // the close froze the batch
            } catch (InterruptedException | RuntimeException e) {
                sb.append('-').append(e);
            }
            r.r1 = n + ":" + sb;
        }

        @Actor
        public void closer() {
            ch.second().close();
        }

        @Arbiter
        public void arbiter(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            try {
                second.receive(Duration.ZERO); // the rest of sendAll's wait: sees the close
                r.r2 = "answered";
            } catch (ChannelClosedException e) {
                r.r2 = "sender-taken-" + second.taken();
            } catch (TimeoutException | InterruptedException | RuntimeException e) {
                r.r2 = e.toString();
            }
        }
    }

    /**
     * Two array batches of two through one reused descriptor while another thread closes: the
     * close may freeze the first generation and find the same descriptor in the slot again, as the
     * second, when its CAS lands (the CAS compares references). One actor plays both ends with
     * calls that do not wait (jcstress runs no more actors than this machine has CPUs): it takes
     * the first batch, asks for more, answers as the sender with the next batch, and takes one item
     * of it. Whatever the interleaving, a call made after {@code close()} returned (the arbiter's)
     * gets no item (regression: before the close froze the batch again after its CAS, the second
     * generation stayed takeable after the close).
     */
    @JCStressTest
    @Outcome(id = "closed, .*", expect = ACCEPTABLE, desc = "no item after the close")
    @Outcome(expect = FORBIDDEN, desc = "an item taken by a call made after close() returned")
    @Description("a batch, a request for more and the next batch through one reused descriptor, against close")
    @State
    public static class CloseVsReusedBatch {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final StringBuilder got = new StringBuilder();

        {
            Internals.depositBatch(ch.second(), boxes(10, 2));
        }

        @Actor
        public void bothEnds() {
            Endpoint<Object, Object> first = ch.first();
            Endpoint<Object, Object> second = ch.second();
            try {
                got.append(Fixtures.field(first.receive(Duration.ZERO)));
                got.append('-').append(Fixtures.field(first.receive(Duration.ZERO)));
                try {
                    first.receive(Duration.ZERO); // the batch is over: asks for more; the request stays posted
                } catch (TimeoutException e) {
                    got.append("-asked");
                }
                second.receive(Duration.ZERO); // the sender takes the request: the rest of sendAll's wait
                Internals.depositBatch(second, boxes(20, 2)); // the same descriptor, its next generation
                got.append('-').append(Fixtures.field(first.receive(Duration.ZERO)));
            } catch (ChannelClosedException | IllegalStateException e) {
                got.append("-closed"); // the close came first (IllegalStateException: the deposit found it)
            } catch (TimeoutException | InterruptedException | RuntimeException e) {
                got.append('-').append(e);
            }
        }

        @Actor
        public void closer() {
            ch.second().close();
        }

        @Arbiter
        public void arbiter(LL_Result r) {
            try {
                r.r1 = "got-" + Fixtures.field(ch.first().receive(Duration.ZERO));
            } catch (ChannelClosedException e) {
                r.r1 = "closed";
            } catch (TimeoutException | InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
            r.r2 = got.toString();
        }
    }

    /**
     * An iterator batch whose second {@code next()}, running on the receiver's thread, closes the
     * channel: the close can only request a freeze (the receiver is inside the iterator), and the
     * sender, woken by the close, must wait for the receiver to leave the iterator and then be
     * woken again (the claim-release handshake; a lost wake-up hangs the run).
     */
    @JCStressTest
    @Outcome(id = "closed-taken-2, 10-11-closed", expect = ACCEPTABLE,
            desc = "the item being pulled when the close came counts as taken; no item after it")
    @Outcome(expect = FORBIDDEN, desc = "an item lost or duplicated, a wrong count, or an item pulled after the close")
    @Description("sendAll(iterator) against a close made from inside the iterator")
    @State
    public static class CloseWhilePulling {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.park());

        @Actor
        public void sender(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            Box[] items = boxes(10, 3);
            Iterator<Box> it = new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < items.length;
                }

                @Override
                public Box next() {
                    if (i >= items.length) {
                        throw new NoSuchElementException();
                    }
                    if (i == 1) {
                        ch.first().close(); // on the receiver's thread, inside the claim
                    }
                    return items[i++];
                }
            };
            try {
                second.sendAll(it);
                r.r1 = "answered";
            } catch (ChannelClosedException e) {
                r.r1 = Fixtures.closed(second);
            } catch (InterruptedException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void receiver(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            StringBuilder sb = new StringBuilder();
            try {
                for (int n = 0; n < 3; n++) {
                    sb.append(Fixtures.field(first.receive())).append('-');
                }
                sb.append("no-close");
            } catch (ChannelClosedException e) {
                sb.append("closed");
            } catch (InterruptedException | RuntimeException e) {
                sb.append(e);
            }
            r.r2 = sb.toString();
        }
    }

    /**
     * The sender is interrupted while the receiver takes the items of its batch one by one. Its
     * sendAll ends with the exact count taken; it resumes (receive the pending answer if some
     * were taken, then send the rest) until all four went over; the receiver gets each item once,
     * in order, then closes.
     */
    @JCStressTest
    @Outcome(id = "interrupted-0\\+sent-4, 10-11-12-13", expect = ACCEPTABLE,
            desc = "the interrupt came before any take (or before the call): batch taken back, sent again whole")
    @Outcome(id = "interrupted-1\\+sent-4, 10-11-12-13", expect = ACCEPTABLE, desc = "cut after 1 item; the rest sent again")
    @Outcome(id = "interrupted-2\\+sent-4, 10-11-12-13", expect = ACCEPTABLE, desc = "cut after 2 items; the rest sent again")
    @Outcome(id = "interrupted-3\\+sent-4, 10-11-12-13", expect = ACCEPTABLE, desc = "cut after 3 items; the rest sent again")
    @Outcome(id = "interrupted-4\\+sent-4, 10-11-12-13", expect = ACCEPTABLE, desc = "all 4 taken, then the interrupt")
    @Outcome(id = "closed-4-flag-kept\\+sent-4, 10-11-12-13", expect = ACCEPTABLE,
            desc = "all taken and closed before the interrupt was acted on: interrupt status kept")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or reordered, or a wrong count")
    @Description("sendAll(array) interrupted while the receiver takes items; the sender resumes")
    @State
    public static class InterruptVsTakes {
        final Channel<Object, Object> ch = Fixtures.started(WaitStrategy.spinThenPark());
        final InterruptHandshake h = new InterruptHandshake();

        @Actor
        public void sender(LL_Result r) {
            Endpoint<Object, Object> second = ch.second();
            h.publish();
            Box[] items = boxes(10, 4);
            String first = null;
            int sent = 0;
            try {
                while (sent < 4) {
                    try {
                        second.sendAll(items, sent, 4 - sent);
                        first = first == null ? "returned" : first;
                        sent = 4;
                    } catch (InterruptedException e) {
                        first = first == null ? "interrupted-" + second.taken() : first + "-interrupted-again";
                        sent += second.taken();
                        if (second.isReplyPending()) {
                            second.receive(); // the receiver's answer to the cut batch (null)
                        }
                    } catch (ChannelClosedException e) {
                        String flag = Thread.currentThread().isInterrupted() ? "-flag-kept" : "";
                        first = first == null ? "closed-" + second.taken() + flag : first;
                        sent += second.taken();
                        break;
                    }
                }
            } catch (ChannelClosedException e) {
                // the pending answer never came: all 4 were taken and the receiver closed
            } catch (InterruptedException | RuntimeException e) {
                first = first + "-failed-" + e;
            } finally {
                second.close(); // a no-op after the receiver's close; unblocks it otherwise
            }
            h.awaitSentAndClear();
            r.r1 = first + "+sent-" + sent;
        }

        @Actor
        public void receiver(LL_Result r) {
            Endpoint<Object, Object> first = ch.first();
            h.interruptTarget();
            StringBuilder sb = new StringBuilder();
            try {
                for (int n = 0; n < 4; n++) {
                    String item = Fixtures.field(first.receive());
                    sb.append(n == 0 ? "" : "-").append(item);
                }
            } catch (ChannelClosedException e) {
                sb.append("-closed");
            } catch (InterruptedException | RuntimeException e) {
                sb.append('-').append(e);
            } finally {
                first.close();
            }
            r.r2 = sb.toString();
        }
    }
}
