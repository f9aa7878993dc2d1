package dev.channels.bench;

import dev.channels.bench.rig.Rig;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH life cycle of a benchmark measured by a {@link Rig}: start the partner per trial,
 * measure the floor around every iteration, stop the partner at the end. A subclass declares its
 * parameters, creates its rig in {@link #startRig()}, and has one {@code @Benchmark} method that
 * calls {@code rig.invoke()}.
 */
@State(Scope.Thread)
public abstract class RigBenchmark {
    /** The rig of this trial; null before {@link #start()} and if it failed. */
    protected Rig rig;

    /**
     * Creates and starts this trial's rig, from the subclass's parameters.
     *
     * @return the started rig
     */
    protected abstract Rig startRig();

    /** Starts the partner and warms up. */
    @Setup(Level.Trial)
    public void start() {
        rig = startRig();
    }

    /** Floor before the iteration. */
    @Setup(Level.Iteration)
    public void beforeIteration() {
        rig.beforeIteration();
    }

    /** Floor after the iteration; publishes its figures. */
    @TearDown(Level.Iteration)
    public void afterIteration() {
        rig.afterIteration();
    }

    /** Stops the partner. */
    @TearDown(Level.Trial)
    public void stop() {
        if (rig != null) { // null if start() failed: let its exception be the one reported
            rig.close();
        }
    }
}
