package dev.channels;

/**
 * The slot's final state. Immutable, so a racy read still sees its fields.
 *
 * @param byFirst  whether close was called on the first endpoint
 * @param cause    the cause given to {@code close(Throwable)}, or null
 * @param replaced what the slot held when the channel closed: {@link Exchange#EMPTY}, or a deposit
 *                 that stays its depositor's unless the other end's take count counts it (a
 *                 take, or the pre-take of a wait: see PreTakes)
 */
record Closed(boolean byFirst, Throwable cause, Object replaced) {
    @Override
    public String toString() {
        return "Closed[by " + (byFirst ? "first" : "second") + (cause == null ? "" : ", cause " + cause) + "]";
    }
}
