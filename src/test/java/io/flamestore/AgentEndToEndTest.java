package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pyroscope.labels.v2.Pyroscope.LabelsWrapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
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
        String platform = "linux".equals(System.getProperty("os.name").toLowerCase()) && "amd64".equals(System.getProperty("os.arch"))
                ? "linux-x64" : System.getProperty("os.name") + "-" + System.getProperty("os.arch");
        try (JarFile jar = new JarFile(agent.toFile())) {
            assumeTrue(jar.getEntry("libasyncProfiler-" + platform + ".so") != null,
                    "the agent bundles no async-profiler for " + platform + ", so it cannot profile here");
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
                child.expectExit(30); // the agent's shutdown hook sends the last window
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
            assertTrue(strings(server, "/labels?query=" + encode(cpu) + range).containsAll(List.of("region", "vehicle")));
            assertEquals(List.of("bike", "car", "scooter"), strings(server, "/label-values?label=vehicle&query=" + encode(cpu) + range));
            assertEquals(List.of("us-west-1"), strings(server, "/label-values?label=region&query=" + encode(cpu) + range));
            Map<String, Object> app = MiniJson.list(MiniJson.parse(server.get("/api/apps").body())).stream().map(MiniJson::object)
                    .filter(a -> a.get("name").equals(cpu)).findFirst().orElseThrow();
            assertEquals(List.of("samples", "sum", "javaspy"), List.of(app.get("units"), app.get("aggregationType"), app.get("spyName")));

            Map<String, Long> all = samplesPerOrder(server, cpu + "{region=\"us-west-1\"}", range);
            assertTrue(all.get("car") > all.get("bike") + all.get("scooter") && all.get("scooter") > all.get("bike"),
                    "order_car should dominate, then order_scooter: " + all);
            Map<String, Long> car = samplesPerOrder(server, cpu + "{vehicle=\"car\"}", range);
            long countedCar = counted.get("cpu").entrySet().stream().filter(e -> "car".equals(e.getKey().get("vehicle")))
                    .mapToLong(Map.Entry::getValue).sum();
            assertEquals(Map.of("car", all.get("car"), "total", countedCar), car, "vehicle=\"car\" holds all of order_car and nothing else");
        }
    }

    /**
     * Samples under a frame {@code order_<vehicle>} per vehicle, and {@code total}, read from the
     * collapsed stacks {@code /render} answers for {@code selector}.
     */
    private static Map<String, Long> samplesPerOrder(LiveServer server, String selector, String range) throws Exception {
        HttpServeTest.Reply reply = server.get("/render?format=collapsed&query=" + encode(selector) + range);
        assertEquals(200, reply.status(), reply.body());
        Map<String, Long> samples = new TreeMap<>();
        for (String line : reply.body().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            long count = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            samples.merge("total", count, Long::sum);
            for (String frame : line.substring(0, line.lastIndexOf(' ')).split(";")) {
                Matcher order = ORDER.matcher(frame);
                if (order.find()) {
                    samples.merge(order.group(1), count, Long::sum);
                    break;
                }
            }
        }
        return samples;
    }

    private static List<Object> strings(LiveServer server, String pathAndQuery) throws Exception {
        HttpServeTest.Reply reply = server.get(pathAndQuery);
        assertEquals(200, reply.status(), reply.body());
        return MiniJson.list(MiniJson.parse(reply.body()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
