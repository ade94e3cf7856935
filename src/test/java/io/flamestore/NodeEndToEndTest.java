package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Node.js client ({@code @pyroscope/nodejs}, installed with npm into a temporary folder)
 * uploading to Flamestore as {@code flamestore serve} runs it: {@code node-e2e/ride-share.js} profiles
 * wall time and the heap for {@code -Dflamestore.e2e.nodeSeconds} (default 15), uploading every
 * 5 s; then the stored series must have the client's units and aggregation, its function names, and
 * the sample totals counted in the bodies it sent. Skipped without {@code node} and {@code npm}, or
 * when npm cannot reach its registry.
 */
class NodeEndToEndTest {
    private static final String CLIENT = "@pyroscope/nodejs@0.6.4";
    private static final String APP = "ride-sharing-node";
    private static final int SECONDS = Integer.getInteger("flamestore.e2e.nodeSeconds", 15);
    /** npm's error codes for a registry it cannot reach, as opposed to a failing install. */
    private static final List<String> OFFLINE = List.of("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET",
            "ETIMEDOUT", "ENETUNREACH");
    /** The program's functions, in frames such as {@code ./ride-share.js:orderCar:29}. */
    private static final Pattern FUNCTION = Pattern.compile(":(orderBike|orderCar|registerVehicles):");

    @Test
    void wallAndHeapProfilesOfTheRealClientAreStoredWithTheirUnits(@TempDir Path dir) throws Exception {
        Result node = run(dir, 60, Map.of(), "node", "--version");
        Result npm = run(dir, 60, Map.of(), "npm", "--version");
        assumeTrue(node.exit() == 0 && npm.exit() == 0, "this test needs node and npm on the PATH (Debian: apt-get install"
                + " nodejs npm): " + node.output().strip() + "; " + npm.output().strip());
        assumeTrue(Integer.parseInt(node.output().strip().replaceAll("^v(\\d+)\\..*", "$1")) >= 20,
                CLIENT + " declares Node.js 20 or later (engines); this is " + node.output().strip());
        Files.writeString(dir.resolve("package.json"), "{\"private\": true}");
        Result install = run(dir, 300, Map.of(), "npm", "install", "--no-audit", "--no-fund", "--prefer-offline", CLIENT);
        assumeTrue(install.exit() == 0 || OFFLINE.stream().noneMatch(install.output()::contains),
                "npm cannot reach its registry to install " + CLIENT + ":\n" + install.output());
        assertEquals(0, install.exit(), "npm install " + CLIENT + " failed:\n" + install.output());
        try (InputStream program = NodeEndToEndTest.class.getResourceAsStream("/node-e2e/ride-share.js")) {
            Files.copy(program, dir.resolve("ride-share.js"));
        }

        try (LiveServer server = LiveServer.start(dir.resolve("store"))) {
            long from = System.currentTimeMillis() / 1000 - 1;
            Result app = run(dir, SECONDS + 60, Map.of("FLAMESTORE_ADDRESS", server.address()),
                    "node", "ride-share.js", String.valueOf(SECONDS));
            assertEquals(0, app.exit(), app.output());
            String range = "&from=" + from + "&until=" + (System.currentTimeMillis() / 1000 + 1);
            Map<String, Long> sent = new TreeMap<>(); // sample type to its total over all uploads
            for (CapturedRequest upload : server.acceptedUploads()) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(upload.body()))) {
                    NaiveProtobuf.pprofTotals(in.readAllBytes()).forEach((type, total) -> sent.merge(type, total, Long::sum));
                }
            }
            // The wall profile's two sample types and the heap profile's two, each its own series.
            assertEquals(Set.of("samples/count", "wall/nanoseconds", "inuse_objects/count", "inuse_space/bytes"), sent.keySet());
            assertEquals(Map.of(
                    APP + ".cpu", List.of("samples", "sum", "nodespy"),
                    APP + ".wall", List.of("nanoseconds", "sum", "nodespy"),
                    APP + ".inuse_objects", List.of("objects", "average", "nodespy"),
                    APP + ".inuse_space", List.of("bytes", "average", "nodespy")), server.apps(APP));
            assertEquals(sent.get("samples/count"), IngestReplayTest.total(server.storage(), APP + ".cpu"));
            assertEquals(sent.get("wall/nanoseconds"), IngestReplayTest.total(server.storage(), APP + ".wall"));
            assertEquals(List.of("us-west-1"),
                    MiniJson.list(server.getJson("/label-values?label=region&query=" + APP + ".wall" + range)));

            Map<String, Long> wall = server.samplesUnder(APP + ".wall", range, FUNCTION);
            assertTrue(wall.getOrDefault("orderCar", 0L) > 2 * wall.getOrDefault("orderBike", 0L),
                    "orderCar should take three times orderBike: " + wall);
            Map<String, Long> heap = server.samplesUnder(APP + ".inuse_space", range, FUNCTION);
            assertTrue(heap.getOrDefault("registerVehicles", 0L) > heap.get("total") / 2,
                    "registerVehicles should hold most of the heap: " + heap);
        }
    }

    /** A finished command: exit code and what it wrote to standard output and error. */
    private record Result(int exit, String output) {
    }

    /** Runs {@code command} in {@code dir}; exit code 127 when the program does not exist. */
    private static Result run(Path dir, int timeoutSeconds, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "command", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " still running after " + timeoutSeconds + " s:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
