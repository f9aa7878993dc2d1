package dev.channels.batch;

import dev.channels.Channel;
import dev.channels.testing.Config;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates a test's channels and closes them after the test, however it ended, so that a failed
 * test leaves no peer behind waiting (or busy-spinning, which would starve the virtual threads of
 * the tests that follow).
 *
 * <pre>{@code
 * @RegisterExtension
 * final Cleanup cleanup = new Cleanup();
 * ...
 * Channel<Integer, Void> ch = cleanup.channel(config);
 * }</pre>
 */
final class Cleanup implements AfterEachCallback {
    private final List<Channel<?, ?>> channels = new ArrayList<>();

    /** A new channel of the configuration, closed after the test. */
    <A, B> Channel<A, B> channel(Config config) {
        Channel<A, B> ch = config.channel();
        synchronized (channels) {
            channels.add(ch);
        }
        return ch;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (channels) {
            channels.forEach(ch -> ch.first().close());
            channels.clear();
        }
    }
}
