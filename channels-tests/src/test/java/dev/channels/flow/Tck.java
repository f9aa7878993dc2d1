package dev.channels.flow;

/** Settings shared by the Reactive Streams TCK classes. */
final class Tck {
    private Tck() {
    }

    /**
     * The TCK's default wait for a signal (and for the absence of one). Our signals take
     * microseconds; 300 ms leaves room for a loaded two-core machine.
     */
    static final long TIMEOUT_MILLIS = 300;

    /** How long after cancel the publisher must have dropped the subscriber (rule 3.13). */
    static final long GC_TIMEOUT_MILLIS = 300;
}
