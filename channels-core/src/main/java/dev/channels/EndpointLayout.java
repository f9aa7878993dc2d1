package dev.channels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;


/**
 * An endpoint's own fields. Only the thread that owns the endpoint (see {@link #owner}) reads or
 * writes the plain ones, so they need no ordering of their own: entry's acquire and exit's release
 * carry them from one owner to the next.
 */
abstract class EndpointFields extends PadBefore {
    final Exchange exchange;
    /** This endpoint's own instance of the channel's strategy (see WaitStrategy.forEndpoint). */
    final WaitStrategy strategy;
    /** This endpoint's take count (it CASes it on every take) and the other end's (claimed on the slow path). */
    final TakeCount ownTakes;
    final TakeCount peerTakes;
    /** The marker this endpoint deposits for an echoed reference, and the one it decodes. */
    final Object ownEcho;
    final Object peerEcho;

    /** The thread inside a call, or null. CAS on entry, release on exit. */
    volatile Thread owner;

    /** Where this endpoint stands in the conversation; see the overview in ExchangeCore. */
    Phase phase;
    /** The phase to return to if the deposit in the slot is withdrawn. */
    Phase phaseBeforeDeposit;
    /** The reference this endpoint deposited last (a value, a marker, or its batch). */
    Object mine;
    /**
     * The reference this endpoint took last from the other end (a value, a marker, or a batch):
     * what its next deposit replaces in the slot, and what a withdrawal restores.
     */
    Object peer;
    /** The other end's take count while this endpoint's single deposit is not taken. */
    long peerCount;
    /** True while {@code mine} was deposited by the call in progress (only a call's own deposit is withdrawn). */
    boolean ownDeposit;
    /** True once this endpoint knows its deposit in flight was taken (set once per deposit). */
    boolean mineTaken;
    /**
     * Set only while receive(Duration) runs: its request stays posted when the wait times out or
     * is interrupted, instead of being withdrawn (ADR 0002).
     */
    boolean keepRequest;
    /**
     * The call in progress's pre-take (see {@link PreTakes}): the take count
     * it set while it holds one (a positive multiple of TakeCount.UNIT), {@link PreTakes#PRE_TAKE_GIVEN_BACK}
     * once the call gave it back (the depositor of a value that arrived meanwhile may have counted
     * it as taken), {@link PreTakes#NO_PRE_TAKE} otherwise. A long, not a byte: a fifth byte
     * field would open a gap that the JVM fills from the trailing pad (PaddingTest).
     */
    long preTake;
    /**
     * Which end this is. Four booleans fill the 4 bytes after the last int: fewer would leave a
     * gap that the JVM fills with bytes of the trailing pad (PaddingTest checks the layout).
     */
    final boolean first;
    /** How much of the last deposit the other end took: see Endpoint.taken(). */
    int taken;
    /** The value of the last single receipt, until the public call returns it. */
    Object received;
    /** Items received into the caller's array by the last batch receipt. */
    int count;
    /** The close state seen by the last call that returned {@link Outcome#CLOSED}. */
    Closed closed;
    /** This endpoint's batch descriptor, created by its first sendAll. */
    Batch batch;
    /**
     * How long an untimed wait for an answer waits before its first look at the slot, in ns: the
     * quiet period of EndpointWaits.awaitAnswer, learned from its probes.
     */
    long quietNanos;
    /** How long the last probe waited for its answer, in ns; Long.MAX_VALUE if it parked, -1 if it was cut short. */
    long probeNanos;
    /** The quiet period in pauses (Thread.onSpinWait()), from quietNanos and pauseSixteenths. */
    int quietPauses;
    /** What one pause takes here, in sixteenths of a ns, as last timed; 0 until then. */
    int pauseSixteenths;
    /** Untimed waits for an answer so far (wraps); every QUIET_PROBE_PERIOD-th is a probe. */
    int answerWaits;

    EndpointFields(Exchange exchange, boolean first) {
        this.exchange = exchange;
        this.first = first;
        this.strategy = exchange.strategy.forEndpoint();
        this.ownTakes = first ? exchange.firstTakes : exchange.secondTakes;
        this.peerTakes = first ? exchange.secondTakes : exchange.firstTakes;
        this.ownEcho = first ? Exchange.FIRST_ECHO : Exchange.SECOND_ECHO;
        this.peerEcho = first ? Exchange.SECOND_ECHO : Exchange.FIRST_ECHO;
    }

    /**
     * Takes ownership for one call if no thread holds it; returns the holder, or null on success.
     * Acquire: the new owner sees the previous owner's writes to the plain fields.
     */
    final Thread casOwnerAcquire(Thread me) {
        return (Thread) OWNER.compareAndExchangeAcquire(this, (Thread) null, me);
    }

    /** Gives up ownership. Release: publishes this call's writes to the plain fields. */
    final void releaseOwner() {
        OWNER.setRelease(this, (Thread) null);
    }

    // ---- VarHandle mechanics ----
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(EndpointFields.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

/** 128 bytes of padding after an endpoint's fields. */
abstract class EndpointPadAfter extends EndpointFields {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;

    EndpointPadAfter(Exchange exchange, boolean first) {
        super(exchange, first);
    }
}
