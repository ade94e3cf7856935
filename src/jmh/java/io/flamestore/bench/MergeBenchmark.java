package io.flamestore.bench;

import io.flamestore.Tree;
import io.flamestore.TreeDiff;
import java.util.concurrent.TimeUnit;
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
 * Merging and diffing two real trees. {@link #merge} builds {@code new Tree().merge(left).merge(right)},
 * what a query does with the stored trees it combines; {@link #diff} aligns the two with
 * {@code TreeDiff.of}. The pairs: two consecutive CPU profiles of one Kafka broker (many stacks in
 * common), and the two largest profiles (a Java IDE and a Go program: nothing shared). The
 * {@code nodes} counter is input nodes (left plus right) per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MergeBenchmark {
    /** Two profile names separated by {@code +}. */
    @Param({"kafka_cpu_0+kafka_cpu_1", "goland_cpu+google-pprof-large.cpu.samples"})
    public String pair;

    private Tree left;
    private Tree right;
    private long inputNodes;

    /** Input nodes (both trees) handled per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long nodes;

        @Setup(Level.Iteration)
        public void reset() {
            nodes = 0;
        }
    }

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        String[] names = pair.split("\\+");
        if (names.length != 2) {
            throw new IllegalArgumentException("pair must be two profile names joined by +, got " + pair);
        }
        String leftText = TestData.foldedText(names[0]);
        String rightText = TestData.foldedText(names[1]);
        left = Tree.parseFolded(leftText);
        right = Tree.parseFolded(rightText);
        inputNodes = (long) left.nodeCount() + right.nodeCount();

        // Sanity: merging two trees is parsing both texts as one; the diff aligns the same nodes.
        Tree merged = merge(left, right);
        Tree expected = Tree.parseFolded(leftText + "\n" + rightText);
        if (!merged.equals(expected) || merged.total() != left.total() + right.total()) {
            throw new IllegalStateException(pair + ": merged tree " + merged + " differs from parsing both texts "
                    + expected);
        }
        TreeDiff diff = TreeDiff.of(left, right);
        if (diff.leftTotal() != left.total() || diff.rightTotal() != right.total()
                || diff.nodeCount() != merged.nodeCount()) {
            throw new IllegalStateException(pair + ": diff has totals " + diff.leftTotal() + "/" + diff.rightTotal()
                    + " and " + diff.nodeCount() + " nodes; expected " + left.total() + "/" + right.total()
                    + " and " + merged.nodeCount());
        }
    }

    @Benchmark
    public Tree merge(Throughput counters, CpuCounters cpu) {
        counters.nodes += inputNodes;
        return merge(left, right);
    }

    @Benchmark
    public TreeDiff diff(Throughput counters, CpuCounters cpu) {
        counters.nodes += inputNodes;
        return TreeDiff.of(left, right);
    }

    private static Tree merge(Tree left, Tree right) {
        return new Tree().merge(left).merge(right);
    }
}
