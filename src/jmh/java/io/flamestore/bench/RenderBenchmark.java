package io.flamestore.bench;

import io.flamestore.FlameGraphHtml;
import io.flamestore.Flamebearer;
import io.flamestore.Tree;
import java.nio.charset.StandardCharsets;
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
 * Rendering the largest real profile (google-pprof-large: 425,051 nodes, 24,029 samples) as
 * flamebearer JSON and as the HTML flame graph page: with the default display truncation to 1,024
 * nodes (truncation included in the time) and with every node. The HTML page adds the top-functions
 * table (per-function statistics of the whole tree) and the page's script to the JSON.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RenderBenchmark {
    @Param({"1024", "2147483647"})
    public int maxNodes;

    private Flamebearer flamebearer;

    @Setup
    public void setUp() throws Exception {
        TestData.checkForkFlags();
        Tree tree = Tree.parseFolded(TestData.foldedText("google-pprof-large.cpu.samples"));
        flamebearer = Flamebearer.of(tree).withName("google-pprof-large.cpu").withMaxNodes(maxNodes);

        // Sanity: the JSON carries the whole total, and the page embeds exactly that JSON.
        String json = json();
        String html = html();
        if (!json.contains("\"numTicks\":" + tree.total() + ",") || !html.contains(json)) {
            throw new IllegalStateException("flamebearer of " + tree + " lacks its total, or the page lacks the JSON");
        }
        System.out.printf("%nmaxNodes=%d: JSON %,d bytes, HTML %,d bytes (UTF-8)%n", maxNodes,
                json.getBytes(StandardCharsets.UTF_8).length, html.getBytes(StandardCharsets.UTF_8).length);
    }

    @Benchmark
    public String json() {
        return flamebearer.toJson();
    }

    @Benchmark
    public String html() {
        return FlameGraphHtml.render(flamebearer);
    }
}
