package dev.channels.bench.contenders;

import com.softwaremill.jox.Channel;
import dev.channels.bench.rig.Strategies;
import dev.channels.bench.rig.Workload;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The one-way stream contenders, by {@code @Param} name:
 * <ul>
 * <li>{@code singleWordFloor}: the one-way counterpart of the floor, a one-slot spin rendezvous
 *     through one word carrying item and turn ({@link SingleWordStream});</li>
 * <li>{@code protocolFloor}: an exact rendezvous per item, one CAS to deposit and one to take on
 *     one reference slot ({@link ProtocolFloorStream});</li>
 * <li>{@code channels-<strategy>}: our channel, {@code send} / {@code receive};</li>
 * <li>{@code synchronousQueue} ({@code put} / {@code take}), {@code linkedTransferQueue}
 *     ({@code transfer} / {@code take}): the JDK's hand-offs;</li>
 * <li>{@code jox} (rendezvous), {@code joxBuffered} (buffered, jox's default capacity of 16);</li>
 * <li>{@code jctools}, {@code agrona}: SPSC queues of capacity {@value #SPSC_CAPACITY} with
 *     busy-spin {@code offer} / {@code poll}.</li>
 * </ul>
 * The rendezvous contenders (the two floors, ours, the JDK's, jox's) hand each item over synchronously; the
 * buffered ones let the producer run ahead by up to their capacity.
 */
public final class Streams {
    /** Capacity of the SPSC queues. */
    public static final int SPSC_CAPACITY = 1024;
    private static final String CHANNELS = "channels-";

    private Streams() {
    }

    /**
     * Creates a stream contender.
     *
     * @param name the {@code @Param} name
     * @return a new contender
     */
    public static Workload create(String name) {
        if (name.startsWith(CHANNELS)) {
            return new ChannelStream(name, Strategies.of(name.substring(CHANNELS.length())));
        }
        return switch (name) {
            case "singleWordFloor" -> new SingleWordStream();
            case "protocolFloor" -> new ProtocolFloorStream();
            case "synchronousQueue" -> BlockingQueueStream.synchronousQueue();
            case "linkedTransferQueue" -> BlockingQueueStream.linkedTransferQueue();
            case "jox" -> new JoxStream(name, Channel.newRendezvousChannel());
            case "joxBuffered" -> new JoxStream(name, Channel.newBufferedDefaultChannel());
            case "jctools" -> new SpinQueueStream(name, new SpscArrayQueue<>(SPSC_CAPACITY));
            case "agrona" -> new SpinQueueStream(name, new OneToOneConcurrentArrayQueue<>(SPSC_CAPACITY));
            default -> throw new IllegalArgumentException("unknown stream contender " + name);
        };
    }
}
