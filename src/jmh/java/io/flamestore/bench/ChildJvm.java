package io.flamestore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class of the benchmark jar in a child JVM that has the flags Chronicle Map and Agrona
 * need (from the resource {@code flamestore-jvm.flags}, as {@link BenchmarkMain} passes them to JMH
 * forks), so that the report mains can be started with a plain
 * {@code java -cp target/benchmarks.jar io.flamestore.bench.Xyz}.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** Whether this JVM was started with every flag of {@code flamestore.jvmFlags}. */
    static boolean hasFlags() {
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return running.containsAll(BenchmarkMain.jvmFlags());
    }

    /**
     * Unless this JVM has the flags, runs {@code main} with {@code args} in a child JVM that has them
     * and exits with its status; returns only when this JVM has the flags.
     */
    static void relaunchWithFlagsIfNeeded(Class<?> main, String[] args) throws IOException, InterruptedException {
        if (hasFlags()) {
            return;
        }
        System.exit(run(main, List.of(), List.of(args)));
    }

    /**
     * Runs {@code main} in a new JVM (this JVM's {@code java}, class path, the Flamestore flags,
     * {@code -Dflamestore.testdata} and {@code -Dflamestore.benchdir} if set, then {@code jvmArgs}),
     * with this process's standard streams, and returns its exit status.
     */
    static int run(Class<?> main, List<String> jvmArgs, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(BenchmarkMain.jvmFlags());
        for (String property : new String[] {TestData.PROPERTY, StoreFixtures.DIR_PROPERTY}) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process child = new ProcessBuilder(command).inheritIO().start();
        return child.waitFor();
    }
}
