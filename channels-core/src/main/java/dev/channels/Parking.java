package dev.channels;

/** {@link WaitStrategy#park()}: never spins. */
final class Parking implements WaitStrategy {
    static final Parking INSTANCE = new Parking();

    private Parking() {
    }

    @Override
    public boolean idle(int attempt) {
        return false;
    }

    @Override
    public String toString() {
        return "WaitStrategy.park()";
    }
}
