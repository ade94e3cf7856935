package io.flamestore.bench;

import io.flamestore.Tree;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import one.convert.Arguments;
import one.convert.FlameGraph;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse-and-merge of real collapsed-stack profiles: Flamestore's {@code Tree.parseFolded(Reader)}
 * against async-profiler's converter ({@code one.convert.FlameGraph.parseCollapsed(Reader)}, jfr-converter
 * 4.5). Both read the same decompressed text from memory through a {@link StringReader}, so only parsing
 * and merging into a tree are measured. The {@code megabytes} counter is folded text (UTF-8 bytes)
 * per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ParseBenchmark {
    @Param({"goland_cpu", "google-pprof-large.cpu.samples", "kafka_cpu_3"})
    public String profile;

    private String text;
    private double megabytes;

    /** Folded text parsed per second, in megabytes (10^6 bytes of UTF-8). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        text = TestData.foldedText(profile);
        megabytes = TestData.megabytes(text.getBytes(StandardCharsets.UTF_8).length);

        // Sanity: both parsers must build the same tree, as far as totals and node counts show.
        long expectedTotal = naiveTotal(text);
        Tree tree = flamestore(text);
        FlameGraph graph = asyncProfiler(text);
        long[] apTotalAndNodes = totalAndNodes(graph);
        if (tree.total() != expectedTotal || apTotalAndNodes[0] != expectedTotal) {
            throw new IllegalStateException(profile + ": totals differ: sum of counts " + expectedTotal
                    + ", Flamestore " + tree.total() + ", async-profiler " + apTotalAndNodes[0]);
        }
        if (tree.nodeCount() != apTotalAndNodes[1]) {
            throw new IllegalStateException(profile + ": node counts differ: Flamestore " + tree.nodeCount()
                    + ", async-profiler " + apTotalAndNodes[1]);
        }
        if (tree.nodeCount() == 0) {
            throw new IllegalStateException(profile + ": empty tree");
        }
    }

    @Benchmark
    public Tree flamestore(Throughput counters, CpuCounters cpu) throws IOException {
        counters.megabytes += megabytes;
        return flamestore(text);
    }

    @Benchmark
    public FlameGraph asyncProfiler(Throughput counters, CpuCounters cpu) throws IOException {
        counters.megabytes += megabytes;
        return asyncProfiler(text);
    }

    static Tree flamestore(String text) throws IOException {
        return Tree.parseFolded(new StringReader(text));
    }

    static FlameGraph asyncProfiler(String text) throws IOException {
        FlameGraph graph = new FlameGraph(new Arguments());
        graph.parseCollapsed(new StringReader(text));
        return graph;
    }

    /** Sum of the counts after the last space of each non-blank line, computed the obvious way. */
    static long naiveTotal(String text) {
        long total = 0;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                total += Long.parseLong(trimmed.substring(trimmed.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /**
     * The root total and the number of frames (root excluded) of async-profiler's tree, read by
     * reflection: {@code FlameGraph.root} is private and {@code Frame.total} package-private.
     */
    static long[] totalAndNodes(FlameGraph graph) throws ReflectiveOperationException {
        Field rootField = FlameGraph.class.getDeclaredField("root");
        rootField.setAccessible(true);
        Map<?, ?> root = (Map<?, ?>) rootField.get(graph);
        Field totalField = root.getClass().getDeclaredField("total");
        totalField.setAccessible(true);
        long nodes = 0;
        Deque<Map<?, ?>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            for (Object child : pending.pop().values()) {
                nodes++;
                pending.push((Map<?, ?>) child);
            }
        }
        return new long[] {totalField.getLong(root), nodes};
    }
}
