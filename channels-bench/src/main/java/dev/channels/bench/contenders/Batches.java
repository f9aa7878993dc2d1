package dev.channels.bench.contenders;

import dev.channels.bench.rig.Strategies;
import dev.channels.bench.rig.Workload;

/**
 * The batched stream contenders, by {@code @Param} name, each with a batch size:
 * <ul>
 * <li>{@code channels-<strategy>}: {@code sendAll} / {@code receiveInto};</li>
 * <li>{@code jctools}: {@code SpscArrayQueue} {@code fill} / {@code drain};</li>
 * <li>{@code agrona}: {@code OneToOneConcurrentArrayQueue} {@code offer} / {@code drain}.</li>
 * </ul>
 */
public final class Batches {
    /** Capacity of the SPSC queues: twice the largest batch. */
    public static final int SPSC_CAPACITY = 8192;
    private static final String CHANNELS = "channels-";

    private Batches() {
    }

    /**
     * Creates a batched stream contender.
     *
     * @param name  the {@code @Param} name
     * @param batch the batch size
     * @return a new contender
     */
    public static Workload create(String name, int batch) {
        if (name.startsWith(CHANNELS)) {
            return new ChannelBatches(name, Strategies.of(name.substring(CHANNELS.length())), batch);
        }
        return switch (name) {
            case "jctools" -> new JctoolsBatches(batch);
            case "agrona" -> new AgronaBatches(batch);
            default -> throw new IllegalArgumentException("unknown batch contender " + name);
        };
    }
}
