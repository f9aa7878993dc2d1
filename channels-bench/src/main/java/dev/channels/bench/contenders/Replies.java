package dev.channels.bench.contenders;

import dev.channels.bench.rig.Token;

/**
 * The replies of the floors' round trips ({@link ProtocolFloorRoundTrip}, {@link OneCasFloorRoundTrip}):
 * one per {@link Token}, each distinct from every request, so that a side recognises the other's
 * deposit by identity. They are a ring of their own because the next request is the very token
 * that would answer this one.
 */
final class Replies {
    private static final Reply[] REPLIES = new Reply[Token.COUNT];

    static {
        for (int i = 0; i < Token.COUNT; i++) {
            REPLIES[i] = new Reply(i);
        }
    }

    /** A reply: distinct from every request. */
    record Reply(int id) {
    }

    private Replies() {
    }

    /** The reply to {@code request}. */
    static Reply to(Token request) {
        return REPLIES[(request.id() + 1) & (Token.COUNT - 1)];
    }
}
