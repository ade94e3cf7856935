package io.flamestore.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@code cpuSeconds} counter that throughput benchmarks take as a second counter state: the CPU
 * time this JVM used during the iteration, which as a rate (JMH divides operation counters by the
 * iteration's time) is the number of cores busy on the benchmark's behalf. CPU time is per process,
 * so only the first benchmark thread reports it; sums over threads stay right.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuCounters {
    public double cpuSeconds;
    private double cpuAtStart;
    private boolean reports;

    @Setup(Level.Iteration)
    public void start() {
        reports = Thread.currentThread().getName().endsWith("-1");
        cpuSeconds = 0;
        cpuAtStart = ProcessCpu.seconds();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuSeconds = reports ? ProcessCpu.seconds() - cpuAtStart : 0;
    }
}
