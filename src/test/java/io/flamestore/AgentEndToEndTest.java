package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pyroscope.labels.v2.Pyroscope.LabelsWrapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Pyroscope Java agent (the pom's {@code io.pyroscope:agent}) uploading to Flamestore as
 * {@code flamestore serve} runs it: {@link RideShareApp} runs in a child JVM under {@code -javaagent}
 * for {@code -Dflamestore.e2e.agentSeconds} (default 30), uploading every 5 s; then the query API
 * must answer with the program's shape, and the store must hold exactly the events counted in the
 * bodies the agent sent.
 */
class AgentEndToEndTest {
    private static final String APP = "ride-sharing-app";
    private static final int SECONDS = Integer.getInteger("flamestore.e2e.agentSeconds", 30);
    private static final Pattern ORDER = Pattern.compile("\\.order_(bike|scooter|car)$");

    @Test
    void rideShareProfiledByTheRealAgentIsStoredAndQueryable(@TempDir Path dir) throws Exception {
        Path agent = Path.of(LabelsWrapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String library = asyncProfilerLibrary();
        try (JarFile jar = new JarFile(agent.toFile())) {
            assumeTrue(jar.getEntry(library) != null, "the agent bundles no " + library + " for "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", so it cannot profile here");
        }
        try (LiveServer server = LiveServer.start(dir.resolve("store"))) {
            Map<String, String> environment = Map.of(
                    "PYROSCOPE_APPLICATION_NAME", APP,
                    "PYROSCOPE_SERVER_ADDRESS", server.address(),
                    "PYROSCOPE_UPLOAD_INTERVAL", "5s",
                    "PYROSCOPE_FORMAT", "jfr",
                    // The process CPU timer: unlike perf events, which containers often forbid, it always works.
                    "PYROSCOPE_PROFILER_EVENT", "itimer",
                    "PYROSCOPE_LABELS", "region=us-west-1");
            long from = System.currentTimeMillis() / 1000 - 1;
            try (ChildJvm child = ChildJvm.start(dir, List.of("-javaagent:" + agent), environment, RideShareApp.class,
                    String.valueOf(SECONDS))) {
                child.expectLine("done", SECONDS + 30);
                child.expectExit(30);
            }
            String range = "&from=" + from + "&until=" + (System.currentTimeMillis() / 1000 + 1);

            List<CapturedRequest> uploads = server.acceptedUploads();
            assertTrue(uploads.size() >= SECONDS / 5 - 1, uploads.size() + " uploads in " + SECONDS + " s");
            Map<String, Map<Map<String, String>, Long>> counted = JfrUploadCounts.count(uploads, dir);
            Set<String> vehicles = counted.getOrDefault("cpu", Map.of()).keySet().stream().map(l -> l.get("vehicle"))
                    .filter(Objects::nonNull).collect(Collectors.toSet());
            assertEquals(Set.of("bike", "car", "scooter"), vehicles, "vehicles in the agent's labels parts");
            JfrUploadCounts.assertStored(server.storage(), APP, counted, "agent");

            String cpu = APP + ".cpu";
            List<Object> labels = MiniJson.list(server.getJson("/labels?query=" + cpu + range));
            assertTrue(labels.containsAll(List.of("region", "vehicle")), labels.toString());
            assertEquals(List.of("bike", "car", "scooter"),
                    MiniJson.list(server.getJson("/label-values?label=vehicle&query=" + cpu + range)));
            assertEquals(List.of("us-west-1"), MiniJson.list(server.getJson("/label-values?label=region&query=" + cpu + range)));
            assertEquals(Map.of(cpu, List.of("samples", "sum", "javaspy")), server.apps(APP));

            Map<String, Long> all = server.samplesUnder(cpu + "{region=\"us-west-1\"}", range, ORDER);
            long bike = all.getOrDefault("bike", 0L);
            long scooter = all.getOrDefault("scooter", 0L);
            assertTrue(all.getOrDefault("car", 0L) > bike + scooter && scooter > bike,
                    "order_car should dominate, then order_scooter: " + all);
            Map<String, Long> car = server.samplesUnder(cpu + "{vehicle=\"car\"}", range, ORDER);
            long countedCar = counted.get("cpu").entrySet().stream().filter(e -> "car".equals(e.getKey().get("vehicle")))
                    .mapToLong(Map.Entry::getValue).sum();
            assertEquals(Map.of("car", all.get("car"), "total", countedCar), car,
                    "vehicle=\"car\" holds all of order_car and nothing else");
        }
    }

    /** The resource name of async-profiler's library for this platform, as the agent bundles it. */
    private static String asyncProfilerLibrary() {
        String arch = System.getProperty("os.arch");
        String platform = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac") ? "macos"
                : "linux-" + (arch.equals("amd64") ? "x64" : arch.equals("aarch64") ? "arm64" : arch);
        return "libasyncProfiler-" + platform + ".so";
    }
}
