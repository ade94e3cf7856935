package io.flamestore.bench;

import io.flamestore.CorruptDataException;
import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import java.util.Arrays;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code Tree.encode} and {@code Tree.decode} of real profiles. The symbol table already holds the
 * profile's names (the steady state of a store partition), except in {@link #encodeNewSymbols}, which
 * also builds and encodes a fresh symbol table as the first write to a partition would. Counters:
 * {@code megabytes} of tree encoding and {@code nodes} of the tree, per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBenchmark {
    @Param({"goland_cpu", "google-pprof-large.cpu.samples", "kafka_cpu_3"})
    public String profile;

    private Tree tree;
    private SymbolTrie symbols;
    private byte[] encoded;
    private double megabytes;

    /** Encoded megabytes (10^6 bytes) and tree nodes handled per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;
        public long nodes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
            nodes = 0;
        }
    }

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        tree = Tree.parseFolded(TestData.foldedText(profile));
        symbols = new SymbolTrie();
        encoded = tree.encode(symbols);
        megabytes = TestData.megabytes(encoded.length);

        // Sanity: the encoding is lossless and canonical, with a warm or a fresh (decoded) symbol table.
        Tree back = Tree.decode(encoded, symbols);
        Tree viaDecodedSymbols = Tree.decode(encoded, SymbolTrie.decode(symbols.encode()));
        if (!back.equals(tree) || !viaDecodedSymbols.equals(tree) || back.total() != tree.total()
                || back.nodeCount() != tree.nodeCount()) {
            throw new IllegalStateException(profile + ": decode(encode(tree)) differs from the tree " + tree
                    + ": " + back + ", " + viaDecodedSymbols);
        }
        if (!Arrays.equals(tree.encode(symbols), encoded)
                || !Arrays.equals(back.encode(symbols), encoded)) {
            throw new IllegalStateException(profile + ": encoding is not repeatable");
        }
    }

    @Benchmark
    public byte[] encode(Throughput counters, CpuCounters cpu) {
        counters.megabytes += megabytes;
        counters.nodes += tree.nodeCount();
        return tree.encode(symbols);
    }

    /** Encoding as a put stores a 10 s slot: not deflated. */
    @Benchmark
    public byte[] encodeRaw(Throughput counters, CpuCounters cpu) {
        counters.megabytes += megabytes;
        counters.nodes += tree.nodeCount();
        return tree.encode(symbols, false);
    }

    @Benchmark
    public void encodeNewSymbols(Throughput counters, CpuCounters cpu, Blackhole blackhole) {
        counters.megabytes += megabytes;
        counters.nodes += tree.nodeCount();
        SymbolTrie fresh = new SymbolTrie();
        blackhole.consume(tree.encode(fresh));
        blackhole.consume(fresh.encode());
    }

    @Benchmark
    public Tree decode(Throughput counters, CpuCounters cpu) throws CorruptDataException {
        counters.megabytes += megabytes;
        counters.nodes += tree.nodeCount();
        return Tree.decode(encoded, symbols);
    }
}
