package dev.channels.bench.rig;

/**
 * The messages the benchmarks hand over: a ring of {@value #COUNT} preallocated objects, so that
 * no benchmark allocates a message. A reply is {@link #next()} of the request, which lets the
 * requesting side check every reply with one comparison and keeps the replies distinct from the
 * requests (a channel that hands back the very reference it received takes a different path).
 */
public final class Token {
    /** How many tokens there are; a power of two. */
    public static final int COUNT = 256;
    private static final int MASK = COUNT - 1;
    private static final Token[] ALL = new Token[COUNT];

    static {
        for (int i = 0; i < COUNT; i++) {
            ALL[i] = new Token(i);
        }
    }

    private final int id;

    private Token(int id) {
        this.id = id;
    }

    /**
     * The token at position {@code i} of the ring (any int; it wraps).
     *
     * @param i the position
     * @return the token
     */
    public static Token at(int i) {
        return ALL[i & MASK];
    }

    /**
     * The token after this one in the ring: the reply to this one.
     *
     * @return the next token
     */
    public Token next() {
        return ALL[(id + 1) & MASK];
    }

    /**
     * This token's position in the ring.
     *
     * @return the position, 0 to COUNT - 1
     */
    public int id() {
        return id;
    }

    @Override
    public String toString() {
        return "Token" + id;
    }
}
