package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every request captured from the real Pyroscope Java agent and Node.js client, replayed through
 * {@link PyroscopeApi}: what is stored must equal what the bodies hold, counted independently
 * ({@link JfrUploadCounts}; pprof bodies through {@link PprofProfile}), each distinct upload once
 * however often it was resent.
 */
class IngestReplayTest {
    private static final String APP = "demo.app";

    @ParameterizedTest
    @ValueSource(strings = {"java-cpu-labels", "java17-nocompress", "java17-retry", "java17-agent212"})
    void javaAgentUploadsAreStoredOncePerTypeAndLabel(String client, @TempDir Path tmp) throws IOException {
        List<CapturedRequest> requests = CapturedRequest.load(TestData.directory().resolve("ingest").resolve(client));
        // type -> label set (static labels left out) -> events' total, over distinct uploads only
        Map<String, Map<Map<String, String>, Long>> expected = JfrUploadCounts.count(requests, tmp);
        assertFalse(expected.isEmpty(), client + ": no events counted");
        try (Storage storage = Storage.open(tmp.resolve("store"))) {
            replay(storage, requests);
            JfrUploadCounts.assertStored(storage, APP, expected, client);
        }
    }

    @Test
    void dynamicLabelsOfTheJavaAgentBecomeSeries(@TempDir Path tmp) throws IOException {
        List<CapturedRequest> requests = CapturedRequest.load(TestData.directory().resolve("ingest/java-cpu-labels"));
        try (Storage storage = Storage.open(tmp)) {
            replay(storage, requests);
            Query all = Query.parse(APP + ".cpu", 0, Query.MAX_EPOCH_SECONDS);
            Set<String> names = storage.labelNames(all);
            assertTrue(names.containsAll(List.of("region", "team", "process.runtime.name")), names.toString());
            assertTrue(storage.labelValues(all, "process.runtime.name").contains("OpenJDK Runtime Environment"));
            assertTrue(storage.labelValues(all, "process.runtime.version").contains("17.0.15+6-Debian-1deb12u1"));
            assertTrue(storage.labelValues(all, "otel.scope.name").contains("com.grafana.pyroscope/java"));
            assertEquals(Set.of("bike", "car"), storage.labelValues(all, "vehicle"));
            long car = total(storage, APP + ".cpu{vehicle=\"car\"}");
            long bike = total(storage, APP + ".cpu{vehicle=\"bike\"}");
            long none = total(storage, APP + ".cpu{vehicle=\"\"}");
            assertTrue(car > 0 && bike > 0, "car " + car + ", bike " + bike);
            assertEquals(total(storage, APP + ".cpu"), car + bike + none);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node-config", "node-env"})
    void nodeUploadsKeepWallAndHeapApart(String client, @TempDir Path tmp) throws IOException {
        List<CapturedRequest> requests = CapturedRequest.load(TestData.directory().resolve("ingest").resolve(client));
        Map<String, Long> summed = new TreeMap<>();
        Set<String> heapSeries = new HashSet<>();
        for (CapturedRequest request : requests) {
            PprofProfile profile = PprofProfile.read(request.body());
            for (int i = 0; i < profile.sampleTypes().size(); i++) {
                String name = APP + profile.seriesSuffix(i);
                if (profile.sampleTypes().get(i).type().startsWith("inuse_")) {
                    heapSeries.add(name);
                } else {
                    summed.merge(name, profile.tree(i).total(), Long::sum);
                }
            }
        }
        try (Storage storage = Storage.open(tmp)) {
            replay(storage, requests);
            assertEquals(Set.of(APP + ".cpu", APP + ".wall"), Set.copyOf(summed.keySet()).stream()
                    .filter(n -> !n.endsWith("_nanoseconds")).collect(java.util.stream.Collectors.toSet()));
            for (Map.Entry<String, Long> series : summed.entrySet()) {
                assertEquals(series.getValue(), total(storage, series.getKey()), client + " " + series.getKey());
            }
            assertEquals(Set.of(APP + ".inuse_objects", APP + ".inuse_space"), heapSeries);
            assertEquals(Aggregation.AVERAGE, storage.metadata(APP + ".inuse_space").aggregation());
            assertEquals("bytes", storage.metadata(APP + ".inuse_space").units());
            assertEquals("nodespy", storage.metadata(APP + ".wall").spyName());
            // The client sends sampleRate=17; the pprof period (about 10 ms) is what was sampled.
            long rate = storage.metadata(APP + ".cpu").sampleRate();
            assertTrue(rate > 90 && rate < 110, "sample rate " + rate);
            assertTrue(total(storage, APP + ".inuse_space") > 0);
        }
    }

    @Test
    void otlpExportsOfTheJavaAgentAreStoredWhole(@TempDir Path tmp) throws IOException {
        List<CapturedRequest> requests = CapturedRequest.load(TestData.directory().resolve("ingest/java17-otlp"));
        Map<String, Long> expected = new TreeMap<>();
        for (CapturedRequest request : requests) {
            NaiveProtobuf.otlpValueTotals(JfrUploadCounts.gunzipIfNeeded(request.body())).forEach((type, sum) -> expected.merge(type, sum, Long::sum));
        }
        // async-profiler's CPU timer, in nanoseconds: 10 ms per sample at the agent's 100 Hz
        assertEquals(Set.of("itimer/ns"), expected.keySet());
        assertTrue(expected.get("itimer/ns") > 0 && expected.get("itimer/ns") % 10_000_000 == 0, expected.toString());
        try (Storage storage = Storage.open(tmp)) {
            PyroscopeApi api = PyroscopeApi.of(storage);
            for (CapturedRequest request : requests) {
                PyroscopeApi.Response response = api.handle(request.toRequest());
                assertEquals(200, response.status(), response.bodyText());
                assertEquals(0, response.body().length, "an empty ExportProfilesServiceResponse");
                assertEquals("application/x-protobuf", response.headers().get("Content-Type"));
            }
            // The agent sets no service.name: the series takes the OpenTelemetry SDKs' default name.
            assertEquals(List.of("unknown_service.cpu"), storage.appNames());
            assertEquals(expected.get("itimer/ns"), total(storage, "unknown_service.cpu"));
            AppMetadata metadata = storage.metadata("unknown_service.cpu");
            assertEquals("nanoseconds", metadata.units());
            assertEquals(100, metadata.sampleRate());
            assertEquals(Aggregation.SUM, metadata.aggregation());
            Tree tree = storage.get(Query.parse("unknown_service.cpu", 0, Query.MAX_EPOCH_SECONDS)).tree();
            assertTrue(tree.total("java/lang/Thread.run") > 0, tree.toFolded());
            // A resent export is acknowledged and stored once.
            api.handle(requests.get(0).toRequest());
            assertEquals(expected.get("itimer/ns"), total(storage, "unknown_service.cpu"));
        }
    }

    static void replay(Storage storage, List<CapturedRequest> requests) {
        PyroscopeApi api = PyroscopeApi.of(storage);
        for (CapturedRequest request : requests) {
            PyroscopeApi.Response response = api.handle(request.toRequest());
            assertEquals(200, response.status(), request.name() + ": " + response.bodyText());
        }
    }

    static long total(Storage storage, String selector) throws IOException {
        return storage.get(Query.parse(selector, 0, Query.MAX_EPOCH_SECONDS)).tree().total();
    }
}
