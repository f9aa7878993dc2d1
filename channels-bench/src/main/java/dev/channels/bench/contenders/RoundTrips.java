package dev.channels.bench.contenders;

import dev.channels.bench.rig.Floor;
import dev.channels.bench.rig.PingPong;
import dev.channels.bench.rig.Strategies;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The round-trip contenders, by {@code @Param} name:
 * <ul>
 * <li>{@code floor}: the bare busy-spin ping-pong ({@link Floor}), as a control: its ratio to
 *     the floor must come out at 1;</li>
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
        return switch (name) {
            case "floor" -> new Floor();
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
