package dev.channels.jcstress;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;

/**
 * What the jcstress scenarios share: channels set up so that no setup call blocks, values whose
 * plain fields the handoff must make visible, and the interrupt handshake between actors.
 *
 * <p>jcstress runs each scenario's two actors on two threads over millions of fresh states, so
 * every actor must finish on its own: each blocking call in a scenario has a counterpart that the
 * other actor always supplies (a value or a close), and a call whose counterpart may be missing
 * is timed. An actor that hangs anyway (a lost wake-up) hangs the run, which the build's
 * wall-clock timeout turns into a failure.
 */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * A channel whose first endpoint has handed over its start signal and whose second endpoint
     * has taken it: the second endpoint holds the turn, the first waits for its first value.
     * Neither call waits, so a jcstress state constructor may make them.
     */
    static Channel<Object, Object> started(WaitStrategy strategy) {
        Channel<Object, Object> ch = Channels.create(strategy);
        try {
            ch.first().start();  // deposits the start signal, does not wait
            ch.second().start(); // the start signal is there: takes it at once
        } catch (InterruptedException e) {
            throw new AssertionError("setup interrupted", e);
        }
        return ch;
    }

    /** A value whose field is written after construction, with a plain store. */
    static final class Box {
        int v;

        static Box of(int v) {
            Box b = new Box();
            b.v = v; // plain: only the handoff's happens-before makes it visible to the receiver
            return b;
        }

        @Override
        public String toString() {
            return "Box[" + v + "]";
        }
    }

    /** The field of a received Box, or a token saying what else arrived. */
    static String field(Object o) {
        return o instanceof Box b ? Integer.toString(b.v) : o == null ? "null" : "not-a-box";
    }

    /** "closed-taken-N" after a ChannelClosedException: how much of the last call went over. */
    static String closed(Endpoint<?, ?> e) {
        return "closed-taken-" + e.taken();
    }

    /**
     * The interrupt handshake. jcstress runs the actors over many states without lock-step, so an
     * interrupt meant for one state must not reach the target thread while it works on the next:
     * the target publishes its thread, the interrupter interrupts it and then says so, and the
     * target waits for that before it leaves the state (and clears its interrupt status).
     */
    static final class InterruptHandshake {
        private volatile Thread target;
        private volatile boolean sent;

        /** Called by the target first. */
        void publish() {
            target = Thread.currentThread();
        }

        /** Called by the interrupter: waits for the target, interrupts it once. */
        void interruptTarget() {
            Thread t;
            int spins = 0;
            while ((t = target) == null) {
                backOff(++spins);
            }
            t.interrupt();
            sent = true;
        }

        /**
         * Called by the target last: waits until the interrupt was sent, then clears the status.
         * Returns whether the status was still set (the interrupt not consumed by an exception).
         */
        boolean awaitSentAndClear() {
            int spins = 0;
            while (!sent) {
                backOff(++spins);
            }
            return Thread.interrupted();
        }
    }

    /** Spin briefly, then yield: actors may share a core with the rest of a busy machine. */
    static void backOff(int spins) {
        if (spins < 64) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
