package dev.channels.bench.contenders;

import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.SingleWordFloor;
import dev.channels.bench.rig.Strategies;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The round-trip contenders, by {@code @Param} name:
 * <ul>
 * <li>{@code singleWordFloor}: the floor itself ({@link SingleWordFloor}: value and turn in one
 *     word, one release store per hand-off), as a control: its ratio to the floor must come out
 *     at 1 ({@code floor} is accepted as another name for it);</li>
 * <li>{@code protocolFloor}: a bare exact rendezvous, one CAS to deposit and one to
 *     take on one reference slot ({@link ProtocolFloorRoundTrip});</li>
 * <li>{@code oneCasFloor}: the least an exact hand-off costs when nobody parks, a release store
 *     to deposit and one CAS to take ({@link OneCasFloorRoundTrip}); {@code oneCasFloorOwned} adds
 *     the per-call ownership CAS that refusing a second thread needs;</li>
 * <li>{@code exchangeFloor}, {@code versionedFloor}: the exchange's own protocol with nothing
 *     else, and the versioned slot that ADR 0008 names as its lead ({@link SlotFloorRoundTrip});
 *     {@code exchangeFloor-quietN} and {@code versionedFloor-quietN} with a fixed quiet period of
 *     {@code N} pauses before each wait's first look (0 to 256); for measurement, not in the
 *     default list;</li>
 * <li>{@code twoFieldFloor}: the rig's former floor, two volatile fields ({@link TwoFieldFloor}),
 *     labelled so: it is slower than the floor;</li>
 * <li>{@code channels-<strategy>}: our channel, e.g. {@code channels-busySpin} (see
 *     {@link Strategies});</li>
 * <li>{@code exchanger}, {@code synchronousQueue}, {@code linkedTransferQueue}: the JDK;</li>
 * <li>{@code jox}: a pair of jox rendezvous channels;</li>
 * <li>{@code jctools}, {@code agrona}: a pair of SPSC queues with busy-spin polling.</li>
 * </ul>
 */
public final class RoundTrips {
    /** Capacity of the SPSC queues of a ping-pong (one message is in flight at a time). */
    public static final int SPSC_CAPACITY = 1024;
    private static final String CHANNELS = "channels-";

    private RoundTrips() {
    }

    /**
     * Creates a round-trip contender.
     *
     * @param name the {@code @Param} name
     * @return a new contender
     */
    public static PingPong create(String name) {
        if (name.startsWith(CHANNELS)) {
            return channel(name.substring(CHANNELS.length()), 0L);
        }
        int q = name.indexOf(SlotFloorRoundTrip.QUIET);
        String base = q > 0 ? name.substring(0, q) : name;
        if (base.equals("exchangeFloor") || base.equals("versionedFloor")) {
            int pauses = q > 0 ? quietPauses(name, name.substring(q + SlotFloorRoundTrip.QUIET.length())) : 0;
            return new SlotFloorRoundTrip(base.equals("versionedFloor"), pauses, name);
        }
        return switch (name) {
            case "singleWordFloor", "floor" -> new SingleWordFloor();
            case "protocolFloor" -> new ProtocolFloorRoundTrip();
            case "oneCasFloor" -> new OneCasFloorRoundTrip(false);
            case "oneCasFloorOwned" -> new OneCasFloorRoundTrip(true);
            case "twoFieldFloor" -> new TwoFieldFloor();
            case "exchanger" -> new ExchangerRoundTrip();
            case "synchronousQueue" -> new SynchronousQueueRoundTrip();
            case "linkedTransferQueue" -> new TransferQueueRoundTrip();
            case "jox" -> new JoxRoundTrip();
            case "jctools" -> new SpinQueueRoundTrip(name, new SpscArrayQueue<>(SPSC_CAPACITY),
                    new SpscArrayQueue<>(SPSC_CAPACITY));
            case "agrona" -> new SpinQueueRoundTrip(name, new OneToOneConcurrentArrayQueue<>(SPSC_CAPACITY),
                    new OneToOneConcurrentArrayQueue<>(SPSC_CAPACITY));
            default -> throw new IllegalArgumentException("unknown round-trip contender " + name);
        };
    }

    /** The N of {@code exchangeFloor-quietN}: a number of pauses from 0 to 256. */
    private static int quietPauses(String name, String digits) {
        int n = -1;
        if (!digits.isEmpty() && digits.length() <= 3 && digits.chars().allMatch(Character::isDigit)) {
            n = Integer.parseInt(digits);
        }
        if (n < 0 || n > SlotFloorRoundTrip.MAX_QUIET_PAUSES) {
            throw new IllegalArgumentException("round-trip contender " + name + ": the quiet period must be a number of"
                    + " pauses from 0 to " + SlotFloorRoundTrip.MAX_QUIET_PAUSES + ", as in exchangeFloor-quiet4");
        }
        return n;
    }

    /**
     * Our channel with the given wait strategy, whose partner answers after {@code delayNanos}
     * of busy work.
     *
     * @param strategy   a strategy name (see {@link Strategies})
     * @param delayNanos the partner's busy work before each answer
     * @return a new contender
     */
    public static PingPong channel(String strategy, long delayNanos) {
        return new ChannelRoundTrip(CHANNELS + strategy, Strategies.of(strategy), delayNanos);
    }
}
