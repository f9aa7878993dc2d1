package dev.channels.bench.rig;

import dev.channels.WaitStrategy;

/**
 * Names of {@link WaitStrategy} instances as they appear in {@code @Param} values.
 *
 * <ul>
 * <li>{@code spinThenPark}: {@link WaitStrategy#spinThenPark()}, the default;</li>
 * <li>{@code spinThenPark-N}: {@code WaitStrategy.spinThenPark(N, N, 4)}: N spins on platform and on
 *     virtual threads, then the default's 2 yields, then park;</li>
 * <li>{@code park}: {@link WaitStrategy#park()};</li>
 * <li>{@code busySpin}: {@link WaitStrategy#busySpin()}.</li>
 * </ul>
 */
public final class Strategies {
    /** The yields of {@code spinThenPark-N}: the same as the default strategy's. */
    public static final int YIELDS = 2;

    private Strategies() {
    }

    /**
     * Parses a strategy name.
     *
     * @param name the name, e.g. {@code spinThenPark-256}
     * @return the strategy
     */
    public static WaitStrategy of(String name) {
        if (name.equals("spinThenPark")) {
            return WaitStrategy.spinThenPark();
        }
        if (name.equals("park")) {
            return WaitStrategy.park();
        }
        if (name.equals("busySpin")) {
            return WaitStrategy.busySpin();
        }
        if (name.startsWith("spinThenPark-")) {
            int spins = Integer.parseInt(name.substring("spinThenPark-".length()));
            return WaitStrategy.spinThenPark(spins, spins, YIELDS);
        }
        throw new IllegalArgumentException("unknown wait strategy " + name
                + "; use spinThenPark, spinThenPark-<spins>, park or busySpin");
    }
}
