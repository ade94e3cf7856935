package io.flamestore.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this whole JVM (benchmark thread, garbage collector, compiler), for the
 * {@code cpuSeconds} counters: on a shared machine wall-clock throughput depends on what else runs,
 * while megabytes or nodes per CPU-second ({@code megabytes / cpuSeconds}) mostly do not.
 */
final class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS = bean();

    private ProcessCpu() {
    }

    /** Seconds of CPU time this process has used so far. */
    static double seconds() {
        return OS.getProcessCpuTime() / 1e9;
    }

    private static com.sun.management.OperatingSystemMXBean bean() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean)
                || ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() < 0) {
            throw new IllegalStateException("this JVM does not report process CPU time");
        }
        return (com.sun.management.OperatingSystemMXBean) os;
    }
}
