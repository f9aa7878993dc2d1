package dev.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A channel loads the classes that the hand-off path names in its signatures before its first
 * hand-off, even in a program that never sends a batch or selects: C2 inlines no method whose
 * signature names a class not yet loaded, nor a method of a class not yet linked, and left so the
 * arrival check and the wake-up of every hand-off were calls (ADR 0008, "Found: classes the JIT
 * had not seen"). Checked in a class loader of its own, where nothing else has loaded them.
 */
class HotPathClassesTest {

    /** Loads channels-core afresh, and tells which of its classes it has loaded so far. */
    private static final class FreshLoader extends URLClassLoader {
        FreshLoader(URL core) {
            super(new URL[] {core}, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    private static final List<String> NAMED_BY_THE_HOT_PATH =
            List.of("dev.channels.Batch", "dev.channels.MemberSignal", "dev.channels.Closed");

    @Test
    @Timeout(30)
    void creatingAChannelLoadsWhatTheHandOffNames() throws Exception {
        URL core = Channels.class.getProtectionDomain().getCodeSource().getLocation();
        try (FreshLoader fresh = new FreshLoader(core)) {
            Class<?> channels = Class.forName("dev.channels.Channels", true, fresh);
            assertEquals(fresh, channels.getClassLoader(), "channels-core loaded afresh, not from the test's class path");
            for (String name : NAMED_BY_THE_HOT_PATH) {
                assertTrue(!fresh.loaded(name), name + " loaded before any channel exists: this test would prove nothing");
            }

            Method create = channels.getMethod("create");
            Object channel = create.invoke(null);

            for (String name : NAMED_BY_THE_HOT_PATH) {
                assertTrue(fresh.loaded(name), name + " not loaded once a channel exists (" + channel + ")");
            }
        }
    }
}
