package dev.channels;

/**
 * Where an endpoint stands in the conversation; only its owner reads or writes it. The transitions
 * are listed in the overview of {@link ExchangeCore}.
 */
enum Phase {
    /** The first endpoint before its first call: its first deposit is the start signal, null. */
    FIRST_UNSTARTED("unstarted (its first call hands over the start signal)"),
    /** The second endpoint before it took the start signal. */
    SECOND_UNSTARTED("waiting for the first endpoint to start"),
    /** Holds the turn: may deposit. */
    TURN("holding the turn"),
    /** Deposited; waits for the other end's next deposit (a reply is pending). */
    PENDING("waiting for a reply"),
    /** Taking items from the other end's batch. */
    BATCH("taking a batch");

    final String description;

    Phase(String description) {
        this.description = description;
    }
}
