package dev.channels;

/** How a call of the core ended, when it did not throw; see {@link ExchangeCore#transfer}. */
enum Outcome {
    /** Received: one value into {@code received}, or {@code count} items into the caller's array. */
    RECEIVED,
    /** The deadline passed; what stays posted is recorded in the endpoint (isReplyPending, taken). */
    TIMED_OUT,
    /** The channel is closed; the close state is in {@code closed}. The normal end of a channel. */
    CLOSED,
    /** Internal: this endpoint holds the turn and the call goes on (deposits its request). */
    TURN_HELD,
    /** Internal: a select's look at a member found no arrival (see {@link MemberCore#takeArrival}). */
    NOTHING
}
