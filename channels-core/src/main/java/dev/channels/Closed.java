package dev.channels;

/**
 * The slot's final state. Immutable, so a racy read still sees its fields.
 *
 * @param byFirst  whether close was called on the first endpoint
 * @param cause    the cause given to {@code close(Throwable)}, or null
 * @param replaced what the slot held when the channel closed: {@link Exchange#EMPTY}, or a deposit
 *                 that was never taken (which therefore stays its depositor's)
 */
record Closed(boolean byFirst, Throwable cause, Object replaced) {
    @Override
    public String toString() {
        return "Closed[by " + (byFirst ? "first" : "second") + (cause == null ? "" : ", cause " + cause) + "]";
    }
}
