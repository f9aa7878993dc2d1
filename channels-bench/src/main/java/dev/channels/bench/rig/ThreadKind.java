package dev.channels.bench.rig;

import java.util.Locale;

/** The kind of thread a benchmark runs both of its sides on: the {@code threads} parameter. */
public enum ThreadKind {
    /** Platform (OS) threads. */
    PLATFORM,
    /** Virtual threads, scheduled on the JDK's default carrier pool. */
    VIRTUAL;

    /**
     * Parses a {@code @Param} value: {@code platform} or {@code virtual}.
     *
     * @param name the parameter value
     * @return the kind
     */
    public static ThreadKind of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "platform" -> PLATFORM;
            case "virtual" -> VIRTUAL;
            default -> throw new IllegalArgumentException("threads must be platform or virtual, not " + name);
        };
    }

    /**
     * Starts a daemon thread of this kind.
     *
     * @param name the thread's name
     * @param body what it runs
     * @return the started thread
     */
    public Thread start(String name, Runnable body) {
        return switch (this) {
            case PLATFORM -> Thread.ofPlatform().name(name).daemon(true).start(body);
            case VIRTUAL -> Thread.ofVirtual().name(name).start(body);
        };
    }
}
