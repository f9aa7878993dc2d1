package dev.channels.bench.rig;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Workload} between two threads of one {@link ThreadKind} and measures it next to
 * the {@link SingleWordFloor}, measured by the same two threads right before and right after every JMH
 * iteration.
 *
 * <h2>Why</h2>
 * The development machine has two speeds: the host moves its two vCPUs between cores that share
 * a cache and cores that do not, every few seconds to minutes, and a bare spinning round trip
 * then takes either about 60 or about 330 ns. Raw nanoseconds from different iterations are not
 * comparable, so every iteration carries its own floor, and the report compares each
 * contender's time with the floor of the same iteration.
 *
 * <h2>How</h2>
 * <ul>
 * <li><b>Threads.</b> The driver runs {@link Workload#drive} (on the JMH thread for platform
 *     threads, on one virtual thread for virtual threads, see {@link Driver}); the partner runs
 *     {@link Workload#serve}, on a thread of the same kind.</li>
 * <li><b>Each invocation</b> ({@link #invoke()}) drives {@code opsPerInvocation} operations and
 *     times them on the driver with {@link System#nanoTime()}: {@code ns} is the mean time per
 *     operation over the iteration, {@code nsMedian} the median of the invocations' means. On
 *     virtual threads one untimed operation (one batch) comes first: while the JMH thread hands
 *     the invocation over, the partner may have parked, and the timed operations should find it
 *     awake, as they do on platform threads, where JMH calls back to back.</li>
 * <li><b>Around each iteration</b> ({@link #beforeIteration()}, {@link #afterIteration()}) the
 *     driver interrupts the partner, which leaves the contender (the interrupt is the one way
 *     out of a wait that works for every contender, busy-spinning ones included) and serves the
 *     floor; the driver runs floor round trips for {@value #FLOOR_BLOCK_MILLIS} ms in blocks of
 *     {@value #FLOOR_SUB_BLOCK}, takes the median block as the floor, and sends the partner
 *     back. The interrupt also exercises the contender's interrupt path every iteration.</li>
 * <li><b>Published</b> per iteration (see {@link IterationMetrics}): {@code ns},
 *     {@code nsMedian}, {@code floor} (the mean of {@code floorBefore} and {@code floorAfter}),
 *     {@code drift} (how far these two differ, in percent: a large drift means the machine
 *     changed speed during the iteration), {@code ratio} ({@code nsMedian / floor}: a median
 *     of short blocks over a median of short blocks, so that a rare descheduling of one spinning
 *     thread, which costs a whole time slice, moves neither), {@code ratioOfMeans}
 *     ({@code ns / floor}), the latency percentiles of sampled round trips
 *     ({@code p50}, {@code p90}, {@code p99}, {@code p99.9}, {@code samples}, and the floor's
 *     {@code floorP50}), {@code allocPerOp} (bytes allocated by all threads, carriers included,
 *     during one invocation in {@value #ALLOC_PERIOD}, the first of each iteration among them,
 *     per operation: unlike JMH's {@code gc.alloc.rate.norm} it leaves out what JMH and the rig
 *     allocate once per iteration), and CPU time per operation: {@code cpu} (the whole process)
 *     and {@code driverCpu} (the driver thread; platform threads only, as the JDK does not
 *     measure a virtual thread's CPU time).</li>
 * </ul>
 */
public final class Rig {
    /** How long one floor measurement lasts. */
    public static final long FLOOR_BLOCK_MILLIS = 20;
    /** Round trips per floor block; the floor is the median of the blocks' means. */
    public static final int FLOOR_SUB_BLOCK = 256;
    /** Floor round trips before timing starts: the first waits for the partner to come over. */
    private static final int FLOOR_WARM = 64;
    private static final long JOIN_MILLIS = 10_000;

    /** Allocation is counted around one invocation in this many (a power of two). */
    private static final int ALLOC_PERIOD = 16;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final ThreadKind kind;
    private final Workload workload;
    private final PingPong pingPong;
    private final int opsPerInvocation;
    private final SingleWordFloor floor = new SingleWordFloor();
    private final LatencySampler floorSampler;
    private final double[] floorBlocks = new double[1 << 15];
    private final Driver driver;
    private Thread partner;
    private volatile Throwable partnerFailure;

    // written by driver tasks, read by the caller after Driver.run returns (it synchronizes)
    private long blockNanos;
    private long blockOps;
    private final double[] blockMeans = new double[1 << 16];
    private int blocks;
    private long allocBytes;
    private long allocOps;
    private int invocations;
    private long untimedOps;
    private double lastFloor;

    private double floorBefore;
    private long driverCpuStart;
    private long processCpuStart;
    private long driverIdleStart;

    private final Runnable blockTask = this::block;
    private final Runnable floorTask = this::measureFloor;

    private Rig(ThreadKind kind, Workload workload, int opsPerInvocation, int samplePeriod) {
        this.kind = kind;
        this.workload = workload;
        this.pingPong = workload instanceof PingPong p ? p : null;
        this.opsPerInvocation = opsPerInvocation;
        this.floorSampler = new LatencySampler(samplePeriod);
        this.floor.sampleInto(floorSampler);
        if (pingPong != null) {
            pingPong.sampleInto(new LatencySampler(samplePeriod));
        }
        this.driver = Driver.of(kind);
    }

    /**
     * Starts the partner thread, warms up the floor, and exercises the workload's slow paths:
     * operations spaced by pauses long enough for the partner to park, if it ever parks.
     *
     * @param kind             the kind of both threads
     * @param workload         what to run
     * @param opsPerInvocation operations per {@link #invoke()}, the benchmark's
     *                         {@code @OperationsPerInvocation}
     * @param samplePeriod     for round trips, time one in this many on its own (a power of two)
     * @return the running rig
     */
    public static Rig start(ThreadKind kind, Workload workload, int opsPerInvocation, int samplePeriod) {
        Rig rig = new Rig(kind, workload, opsPerInvocation, samplePeriod);
        rig.partner = kind.start("partner " + workload, rig::partnerLoop);
        rig.driver.run(rig::warmUp);
        rig.checkPartner();
        return rig;
    }

    /** Measures the floor before the iteration and starts its counters. */
    public void beforeIteration() {
        floorSampler.reset();
        if (pingPong != null) {
            pingPong.sampler().reset();
        }
        driver.run(floorTask);
        floorBefore = lastFloor;
        blockNanos = 0;
        blockOps = 0;
        blocks = 0;
        allocBytes = 0;
        allocOps = 0;
        invocations = 0; // the first invocation of every iteration is among those counted
        untimedOps = 0;
        driverCpuStart = kind == ThreadKind.PLATFORM ? THREADS.getCurrentThreadCpuTime() : -1L;
        processCpuStart = OS.getProcessCpuTime();
        driverIdleStart = driver.idleSpinNanos();
    }

    /** One JMH invocation: {@code opsPerInvocation} operations, timed on the driver. */
    public void invoke() {
        try {
            driver.run(blockTask);
        } catch (RuntimeException | Error e) {
            checkPartner();
            throw e;
        }
    }

    /** Measures the floor after the iteration and publishes the iteration's figures. */
    public void afterIteration() {
        long driverCpu = driverCpuStart >= 0 ? THREADS.getCurrentThreadCpuTime() - driverCpuStart : -1L;
        // the JDK counts process CPU in scheduler ticks (10 ms here), so the difference can dip below zero
        long processCpu = Math.max(0L,
                OS.getProcessCpuTime() - processCpuStart - (driver.idleSpinNanos() - driverIdleStart));
        driver.run(floorTask);
        checkPartner();
        double floorAfter = lastFloor;
        double ops = Math.max(1L, blockOps);
        double ns = blockNanos / ops;
        double nsMedian = median(blockMeans, blocks);
        double floorMean = (floorBefore + floorAfter) / 2;
        IterationMetrics.publish("ns", ns, "ns/op");
        IterationMetrics.publish("nsMedian", nsMedian, "ns/op");
        IterationMetrics.publish("floor", floorMean, "ns");
        IterationMetrics.publish("floorBefore", floorBefore, "ns");
        IterationMetrics.publish("floorAfter", floorAfter, "ns");
        double drift = 100 * Math.abs(floorAfter - floorBefore) / Math.min(floorBefore, floorAfter);
        IterationMetrics.publish("drift", drift, "%");
        IterationMetrics.publish("ratio", nsMedian / floorMean, "x");
        IterationMetrics.publish("ratioOfMeans", ns / floorMean, "x");
        if (pingPong != null) {
            LatencySampler s = pingPong.sampler();
            IterationMetrics.publish("p50", s.percentile(50), "ns");
            IterationMetrics.publish("p90", s.percentile(90), "ns");
            IterationMetrics.publish("p99", s.percentile(99), "ns");
            IterationMetrics.publish("p99.9", s.percentile(99.9), "ns");
            IterationMetrics.publish("samples", s.count(), "#");
            IterationMetrics.publish("floorP50", floorSampler.percentile(50), "ns");
        }
        if (allocOps > 0) {
            IterationMetrics.publish("allocPerOp", allocBytes / (double) allocOps, "B/op");
        }
        IterationMetrics.publish("cpu", processCpu / (ops + untimedOps), "ns/op");
        if (driverCpu >= 0) {
            IterationMetrics.publish("driverCpu", driverCpu / ops, "ns/op");
        }
    }

    /** Stops the partner (through the floor's STOP), the driver, and the workload. */
    public void close() {
        try {
            driver.run(this::stopPartner);
            partner.join(JOIN_MILLIS);
            if (partner.isAlive()) {
                throw new IllegalStateException("partner thread did not stop: " + partner);
            }
            checkPartner();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the partner", e);
        } finally {
            driver.close();
            workload.close();
        }
    }

    // ---------------------------------------------------------------- driver tasks

    private void block() {
        final int n = opsPerInvocation;
        if (kind == ThreadKind.VIRTUAL) {
            // Untimed: while the JMH thread handed this invocation over, the partner may have
            // parked; the timed operations should find it awake, as the platform driver does.
            drive(workload, workload.unit());
            untimedOps += workload.unit();
        }
        final boolean countAlloc = (invocations++ & (ALLOC_PERIOD - 1)) == 0;
        long a0 = countAlloc ? THREADS.getTotalThreadAllocatedBytes() : 0L; // outside the timed region
        long t0 = System.nanoTime();
        drive(workload, n);
        long t = System.nanoTime() - t0;
        if (countAlloc) {
            allocBytes += THREADS.getTotalThreadAllocatedBytes() - a0;
            allocOps += n;
        }
        blockNanos += t;
        blockOps += n;
        if (blocks < blockMeans.length) {
            blockMeans[blocks++] = t / (double) n;
        }
    }

    private void measureFloor() {
        partner.interrupt(); // pause: the partner leaves the workload for the floor
        drive(floor, FLOOR_WARM);
        final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLOOR_BLOCK_MILLIS);
        int n = 0;
        do {
            long t0 = System.nanoTime();
            drive(floor, FLOOR_SUB_BLOCK);
            floorBlocks[n++] = (System.nanoTime() - t0) / (double) FLOOR_SUB_BLOCK;
        } while (n < floorBlocks.length && System.nanoTime() < end);
        floor.sendSwitch(); // the partner goes back to the workload
        lastFloor = median(floorBlocks, n);
    }

    /** Sorts the first n values in place and returns their median. */
    private static double median(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return (n & 1) == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private void warmUp() {
        for (int i = 0; i < 3; i++) {
            measureFloor();
            drive(workload, opsPerInvocation);
        }
        // slow paths: give the partner time to park (if it parks) before each operation
        for (int i = 0; i < 32; i++) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            drive(workload, workload.unit());
        }
        drive(workload, opsPerInvocation);
    }

    private void stopPartner() {
        partner.interrupt();
        floor.sendStop();
    }

    private static void drive(Workload w, int n) {
        try {
            w.drive(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("driver interrupted (did the partner fail?)", e);
        }
    }

    // ---------------------------------------------------------------- partner

    private void partnerLoop() {
        try {
            for (;;) {
                try {
                    workload.serve();
                    throw new IllegalStateException(workload + ": serve() returned without an interrupt");
                } catch (InterruptedException paused) {
                    // the driver wants the floor
                }
                if (!floor.serveFloor()) {
                    return;
                }
            }
        } catch (Throwable t) {
            partnerFailure = t;
            Thread d = driver.thread();
            if (d != null) {
                d.interrupt();
            }
        }
    }

    private void checkPartner() {
        Throwable f = partnerFailure;
        if (f != null) {
            throw new IllegalStateException("the partner thread of " + workload + " failed", f);
        }
    }

    @Override
    public String toString() {
        return "Rig[" + workload + ", " + kind + "]";
    }
}
