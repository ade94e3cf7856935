package io.flamestore.bench;

import io.flamestore.JfrProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import jdk.jfr.consumer.RecordingFile;
import one.convert.Arguments;
import one.convert.FlameGraph;
import one.convert.JfrToFlame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A JFR recording to trees: Flamestore's {@link JfrProfile#read(Path)} (through the JDK's
 * {@code jdk.jfr.consumer}, every profile type, split by context id and 10 s slot) against
 * async-profiler's converter ({@code one.convert.JfrToFlame.parse}, jfr-converter 4.5, its default CPU
 * flame graph of the whole recording). Both read the same uncompressed file, written once per trial
 * and then in the page cache, so decompression is not measured. The counters are those of
 * {@link ParseBenchmark}: {@code megabytes} of uncompressed recording and {@code cpuSeconds} of this JVM,
 * per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JfrBenchmark {
    /** Not jfr-parser-example (Pyroscope agent): the converter refuses it ("invalid event size"); the JDK reads it. */
    @Param({"jmc-hotmethods", "jfr-parser-async-profiler", "jfr-parser-object-allocation-sample"})
    public String recording;

    private Path file;
    private double megabytes;

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        Path gz = TestData.dir().resolve("jfr").resolve(recording + ".jfr.gz");
        file = Files.createTempFile("flamestore-bench-", ".jfr");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        megabytes = TestData.megabytes(Files.size(file));
        try {
            checkTotals();
        } catch (Exception e) {
            Files.deleteIfExists(file); // JMH skips @TearDown when @Setup fails
            throw e;
        }
    }

    /**
     * Flamestore's CPU tree holds every execution sample with a stack, counted the obvious way; the
     * converter's holds at least as many (it adds the JDK's jdk.NativeMethodSample).
     */
    private void checkTotals() throws Exception {
        long executionSamples = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null)
                .count();
        long flamestore = flamestore().tree("cpu").total();
        long asyncProfiler = ParseBenchmark.totalAndNodes(asyncProfiler())[0];
        if (flamestore != executionSamples || asyncProfiler < executionSamples || executionSamples == 0) {
            throw new IllegalStateException(recording + ": CPU totals: " + executionSamples + " execution samples, Flamestore "
                    + flamestore + ", async-profiler " + asyncProfiler);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public JfrProfile flamestore(ParseBenchmark.Throughput counters, CpuCounters cpu) throws IOException {
        counters.megabytes += megabytes;
        return flamestore();
    }

    @Benchmark
    public FlameGraph asyncProfiler(ParseBenchmark.Throughput counters, CpuCounters cpu) throws IOException {
        counters.megabytes += megabytes;
        return asyncProfiler();
    }

    private JfrProfile flamestore() throws IOException {
        return JfrProfile.read(file);
    }

    private FlameGraph asyncProfiler() throws IOException {
        return JfrToFlame.parse(file.toString(), new Arguments());
    }
}
