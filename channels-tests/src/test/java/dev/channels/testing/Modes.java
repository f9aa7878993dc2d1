package dev.channels.testing;

/**
 * Quick (CI, the default) or thorough (on demand) sizes for stress and race tests, chosen with
 * {@code -Dstress.mode=thorough} (the Maven property of the same name is passed through).
 */
public final class Modes {
    private Modes() {
    }

    public static final boolean THOROUGH = "thorough".equalsIgnoreCase(System.getProperty("stress.mode", "quick"));

    /** {@code quick} in CI, {@code thorough} on demand. */
    public static long pick(long quick, long thorough) {
        return THOROUGH ? thorough : quick;
    }

    public static int pick(int quick, int thorough) {
        return THOROUGH ? thorough : quick;
    }
}
