package dev.channels.testing;

import dev.channels.Channel;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes every channel made by {@link Config#channel()} once the test is over, so that a failed
 * test does not leave its peers blocked (or busy-spinning, which would slow every later test):
 * their calls throw {@code ChannelClosedException} and the threads end. {@link EachConfig}
 * registers it. The registry is global: it assumes test methods run one at a time (JUnit's
 * default); with parallel execution it would close other tests' channels.
 */
public final class CloseLeftovers implements AfterEachCallback {
    private static final ConcurrentLinkedQueue<Channel<?, ?>> OPEN = new ConcurrentLinkedQueue<>();

    static void register(Channel<?, ?> channel) {
        OPEN.add(channel);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Channel<?, ?> c; (c = OPEN.poll()) != null; ) {
            c.first().close();
        }
    }
}
