package dev.channels.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import dev.channels.testing.Modes;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing is retained: millions of channels created, used and closed, and millions of
 * interrupted and timed-out operations, leave the heap (measured after full collections) where it
 * was. The library keeps no global state, so a leak would have to be a reference from something
 * long-lived (a thread, a class, a still-used channel) to something per-call; each test runs a
 * warm-up, measures the used heap after GC until it settles, runs its cycles, and measures again.
 *
 * <p>The bound, {@link #MAX_GROWTH_BYTES} (2 MiB), is below one small object per cycle: in quick
 * mode it is 2 bytes per cycle for the channels, 10 for the calls and 100 for the parked calls (a
 * channel alone is several hundred bytes). Quick (CI): 10^6 channels,
 * 6 x 10^5 refused or timed-out calls, 2 x 10^4 parked calls; thorough: 2 x 10^7, 1.5 x 10^7,
 * 10^6.
 */
class LeakTest {

    /** Channels created, used and closed. */
    static final int CREATE_CYCLES = Modes.pick(1_000_000, 20_000_000);
    /** Rounds of three timed-out or refused calls on one channel (each throws: about 10 us here). */
    static final int CALL_CYCLES = Modes.pick(200_000, 5_000_000);
    /** Calls that park and are ended by an interrupt or a close (a thread each). */
    static final int BLOCKED_CYCLES = Modes.pick(20_000, 1_000_000);
    static final long MAX_GROWTH_BYTES = 2L << 20;

    /** Used heap after full collections, once two successive readings agree within 64 KiB. */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                return Math.min(previous, used);
            }
            previous = used;
        }
        return previous;
    }

    private static void assertNoGrowth(long before, long after, long cycles, String what) {
        long growth = after - before;
        System.out.printf("leak: %s: %,d cycles, used heap after GC %,d -> %,d bytes (%+,d)%n", what, cycles, before,
                after, growth);
        assertTrue(growth < MAX_GROWTH_BYTES, what + ": the heap grew by " + growth + " bytes over " + cycles
                + " cycles (bound " + MAX_GROWTH_BYTES + ")");
    }

    /**
     * Channels created, started, polled (a deposit taken back on a zero timeout), closed from
     * both ends, with a rejected call after the close, a million times over.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS) // thorough mode; a parked call that never ends fails at once
    void createUseCloseCycles() throws Exception {
        createUseClose(CREATE_CYCLES / 10); // warm-up: classes loaded, code compiled
        long before = usedHeapAfterGc();
        createUseClose(CREATE_CYCLES);
        long after = usedHeapAfterGc();
        assertNoGrowth(before, after, CREATE_CYCLES, "create/start/poll/close");
    }

    private static void createUseClose(int cycles) throws InterruptedException {
        WaitStrategy[] strategies = {WaitStrategy.spinThenPark(), WaitStrategy.park(), WaitStrategy.busySpin()};
        for (int i = 0; i < cycles; i++) {
            Channel<Object, Object> ch = Channels.create(strategies[i % 3]);
            Endpoint<Object, Object> first = ch.first();
            Endpoint<Object, Object> second = ch.second();
            first.start();
            second.start();
            try {
                second.send(new byte[16], Duration.ZERO); // nobody receives: taken back
                throw new AssertionError("answered");
            } catch (TimeoutException expected) {
                // the value is still ours
            }
            if ((i & 1) == 0) {
                first.close();
            } else {
                second.close(new IllegalStateException("cycle " + i));
            }
            try {
                second.send(i);
                throw new AssertionError("send after close");
            } catch (ChannelClosedException expected) {
                // closed
            }
        }
    }

    /**
     * One long-lived channel whose endpoints go through millions of timed-out polls and calls
     * refused by a pending interrupt: its heap footprint stays constant.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS) // thorough mode; a parked call that never ends fails at once
    void interruptedAndTimedOutCallsOnOneChannel() throws Exception {
        Channel<Object, Object> ch = Channels.create(WaitStrategy.park());
        ch.first().start();
        ch.second().start();
        spin(ch, CALL_CYCLES / 10);
        long before = usedHeapAfterGc();
        spin(ch, CALL_CYCLES);
        long after = usedHeapAfterGc();
        assertNoGrowth(before, after, CALL_CYCLES, "interrupted and timed-out calls on one channel");
        ch.first().close();
    }

    private static void spin(Channel<Object, Object> ch, int cycles) throws InterruptedException {
        Endpoint<Object, Object> first = ch.first();
        Endpoint<Object, Object> second = ch.second();
        for (int i = 0; i < cycles; i++) {
            try {
                second.send(new Object(), Duration.ZERO); // deposit, time out, take back
                throw new AssertionError("answered");
            } catch (TimeoutException expected) {
                assertEquals(0, second.taken());
            }
            try {
                first.receive(Duration.ZERO); // nothing there: times out, its request pending
                throw new AssertionError("received");
            } catch (TimeoutException expected) {
                // fine
            }
            Thread.currentThread().interrupt();
            try {
                second.sendAll(new Object[] {i, i}, 0, 2); // refused on entry: nothing handed over
                throw new AssertionError("not interrupted");
            } catch (InterruptedException expected) {
                assertEquals(0, second.taken());
            }
        }
    }

    /**
     * Retention is bounded: an endpoint keeps a reference to the last value it handed over and
     * the last one it received (it compares references to recognize an echo), but nothing older.
     * A value handed over, or taken back on a timeout, is collectible once the endpoint has made
     * one more call.
     */
    @Test
    @Timeout(60)
    void retainsNothingBeyondTheLastCall() throws Exception {
        Channel<Object, Object> ch = Channels.create(WaitStrategy.park());
        Endpoint<Object, Object> first = ch.first();
        Endpoint<Object, Object> second = ch.second();
        Thread answering = Thread.ofVirtual().start(() -> {
            try {
                Object x = first.receive();
                for (;;) {
                    x = first.send(new byte[x instanceof byte[] b ? Math.min(b.length, 64) : 1]);
                }
            } catch (ChannelClosedException | InterruptedException e) {
                // the end
            }
        });
        WeakReference<Object> sent = sendBig(second);
        WeakReference<Object> takenBack = takeBackBig(ch);
        second.send("one more");
        second.send("and another"); // the answering side has moved on too
        usedHeapAfterGc();
        assertNull(sent.get(), "a value handed over is still retained two calls later");
        assertNull(takenBack.get(), "a value taken back on a timeout is still retained two calls later");
        second.close();
        answering.join();
    }

    private static WeakReference<Object> sendBig(Endpoint<Object, Object> second) throws InterruptedException {
        Object big = new byte[1 << 20];
        second.send(big);
        return new WeakReference<>(big);
    }

    private static WeakReference<Object> takeBackBig(Channel<Object, Object> ch) throws InterruptedException {
        // the answering thread waits for our next value, so take it out of the way: poll with a
        // value it cannot take in zero time only if it is slow; retry until one is taken back
        for (;;) {
            Object big = new byte[1 << 20];
            try {
                ch.second().send(big, Duration.ZERO);
            } catch (TimeoutException e) {
                if (ch.second().isReplyPending()) {
                    ch.second().receive();
                    continue; // it was taken after all; try again
                }
                return new WeakReference<>(big);
            }
        }
    }

    /**
     * Calls that really block (parked, platform and virtual threads alike) and are ended by an
     * interrupt or a close, on fresh channels: nothing of them remains.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS) // thorough mode; a parked call that never ends fails at once
    void interruptedBlockedCalls() throws Exception {
        blockAndInterrupt(BLOCKED_CYCLES / 10);
        long before = usedHeapAfterGc();
        blockAndInterrupt(BLOCKED_CYCLES);
        long after = usedHeapAfterGc();
        assertNoGrowth(before, after, BLOCKED_CYCLES, "blocked calls ended by interrupt or close");
    }

    private static void blockAndInterrupt(int cycles) throws Exception {
        for (int i = 0; i < cycles; i++) {
            Channel<Object, Object> ch = Channels.create(i % 2 == 0 ? WaitStrategy.park() : WaitStrategy.spinThenPark());
            Endpoint<Object, Object> first = ch.first();
            boolean byClose = i % 3 == 0;
            Thread.Builder builder = i % 4 < 2 ? Thread.ofVirtual() : Thread.ofPlatform();
            Thread t = builder.start(() -> {
                try {
                    first.receive(); // hands over the start signal, then blocks: nobody sends
                    throw new AssertionError("received");
                } catch (InterruptedException | ChannelClosedException expected) {
                    // ended as intended
                }
            });
            while (t.getState() != Thread.State.WAITING && t.isAlive()) {
                LockSupport.parkNanos(1_000); // until it parks (or, virtual, unmounts)
            }
            if (byClose) {
                ch.second().close();
            } else {
                t.interrupt();
            }
            if (!t.join(Duration.ofSeconds(20))) {
                throw new AssertionError((byClose ? "a close" : "an interrupt") + " did not end a parked receive():\n"
                        + ThreadDumps.all());
            }
        }
    }
}
