package dev.channels.flow;

import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Flows;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterMethod;

/**
 * The Reactive Streams TCK (black box) against {@link Flows#subscriber(Endpoint)}, with a reader
 * draining the other end of each channel. The white-box verification does not apply: its puppet
 * requests on the subscriber's behalf, while this subscriber's demand is the reader's (one item
 * at a time, requested when the reader asks for more), and it buffers nothing beyond it.
 */
public class SubscriberTckTest extends FlowSubscriberBlackboxVerification<Integer> {
    private final List<Channel<Integer, Void>> channels = new CopyOnWriteArrayList<>();

    public SubscriberTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS));
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        Channel<Integer, Void> ch = Channels.create();
        channels.add(ch);
        Thread.ofVirtual().name("tck-reader").start(() -> {
            try {
                for (Integer ignored : ch.first()) {
                    // take everything
                }
            } catch (ChannelClosedException e) {
                // onError: closed with a cause
            }
        });
        return Flows.subscriber(ch.second());
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @AfterMethod
    public void closeChannels() {
        channels.forEach(ch -> ch.first().close());
        channels.clear();
    }
}
