package dev.channels.flow;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Flows;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterMethod;

/**
 * The Reactive Streams TCK against {@link Flows#publisher(Endpoint)}: a single-subscriber
 * publisher of a channel fed by a producer thread. The optional multi-subscriber tests (1.11) are
 * skipped by the TCK, as this publisher refuses a second subscriber.
 */
public class EndpointPublisherTckTest extends FlowPublisherVerification<Long> {
    /** Channels made by this test; closed after each test so that no producer stays parked. */
    private final List<Channel<Long, Void>> channels = new CopyOnWriteArrayList<>();

    public EndpointPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        Channel<Long, Void> ch = Channels.create();
        channels.add(ch);
        Thread.ofVirtual().name("tck-producer").start(() -> {
            try (Endpoint<Void, Long> out = ch.second()) {
                for (long i = 0; i < elements; i++) {
                    out.send(i);
                }
            } catch (ChannelClosedException e) {
                // the subscriber cancelled
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return Flows.publisher(ch.first());
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        Channel<Long, Void> ch = Channels.create();
        ch.second().close(new IOException("the producer failed"));
        return Flows.publisher(ch.first());
    }

    @AfterMethod
    public void closeChannels() {
        channels.forEach(ch -> ch.first().close());
        channels.clear();
    }
}
