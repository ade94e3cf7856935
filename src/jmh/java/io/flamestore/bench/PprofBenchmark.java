package io.flamestore.bench;

import io.flamestore.PprofProfile;
import io.flamestore.ProfileFormatException;
import io.flamestore.Tree;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a real pprof profile into trees: {@code PprofProfile.read(byte[])} on the decompressed
 * protobuf bytes held in memory, then one tree per sample type. Gzip is left out, as it costs the
 * same whatever decodes the result. The {@code megabytes} counter is protobuf bytes per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PprofBenchmark {
    @Param({"google-pprof-large.cpu"})
    public String profile;

    private byte[] bytes;
    private double megabytes;

    @Setup
    public void setUp() throws IOException {
        TestData.checkForkFlags();
        bytes = TestData.pprofBytes(profile);
        megabytes = TestData.megabytes(bytes.length);

        // Sanity: sample type 0 must equal the stacks an independent tool folded from the same file.
        Tree expected = Tree.parseFolded(new StringReader(TestData.foldedText(profile + ".samples")));
        List<Tree> trees = decode(bytes);
        if (!trees.get(0).equals(expected)) {
            throw new IllegalStateException(profile + ": tree " + trees.get(0) + " differs from the folded " + expected);
        }
    }

    @Benchmark
    public List<Tree> decodeToTrees(ParseBenchmark.Throughput counters, CpuCounters cpu) throws ProfileFormatException {
        counters.megabytes += megabytes;
        return decode(bytes);
    }

    static List<Tree> decode(byte[] bytes) throws ProfileFormatException {
        PprofProfile profile = PprofProfile.read(bytes);
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < profile.sampleTypes().size(); t++) {
            trees.add(profile.tree(t));
        }
        return trees;
    }
}
