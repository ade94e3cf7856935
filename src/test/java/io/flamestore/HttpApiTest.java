package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoints through {@link PyroscopeApi#handle}: uploads in each text format, and reading them back. */
class HttpApiTest {
    static final long NOW = 1_700_000_000L;
    private static final String FOLDED = "main;handle;order_car 30\nmain;handle;order_bike 10\nmain;idle 5\n";

    @TempDir
    Path dir;
    private Storage storage;
    private PyroscopeApi api;

    @BeforeEach
    void open() throws IOException {
        storage = Storage.open(dir);
        api = PyroscopeApi.builder().storage(storage).clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)).build();
    }

    @AfterEach
    void close() throws IOException {
        api.close();
        storage.close();
    }

    static PyroscopeApi.Response call(PyroscopeApi api, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        return api.handle(new PyroscopeApi.Request(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1), headers, new ByteArrayInputStream(body)));
    }

    private PyroscopeApi.Response get(String pathAndQuery) {
        return call(api, "GET", pathAndQuery, Map.of(), new byte[0]);
    }

    private PyroscopeApi.Response post(String pathAndQuery, String body) {
        return call(api, "POST", pathAndQuery, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pprofSampleLabelsBecomeSeriesLabels() throws IOException {
        byte[] body = java.nio.file.Files.readAllBytes(
                TestData.directory().resolve("pprof").resolve("parca-profile-with-labels.pb.gz"));
        PprofProfile profile = PprofProfile.read(body);
        PyroscopeApi.Response put = call(api, "POST", "/ingest?format=pprof&name=go%7Benv%3Dprod%7D&from=" + (NOW - 20)
                + "&until=" + (NOW - 10), Map.of(), body);
        assertEquals(200, put.status(), put.bodyText());
        Query all = Query.parse("go.cpu", NOW - 60, NOW);
        assertEquals(new java.util.TreeSet<>(List.of("env", "thread_id", "thread_name")), storage.labelNames(all));
        Map<Map<String, String>, Tree> byThread = profile.treesByLabels(0, profile.labelNames());
        assertTrue(byThread.size() > 1, "the profile has several threads");
        for (Map.Entry<Map<String, String>, Tree> thread : byThread.entrySet()) {
            StringBuilder selector = new StringBuilder("go.cpu{env=\"prod\"");
            thread.getKey().forEach((k, v) -> selector.append(", ").append(k).append("=\"").append(v).append('"'));
            Tree stored = storage.get(Query.parse(selector.append('}').toString(), NOW - 60, NOW)).tree();
            assertEquals(thread.getValue(), stored, thread.getKey().toString());
        }
        assertEquals(profile.tree(0), storage.get(all).tree(), "the series add up to the whole profile");
    }

    @Test
    void foldedUploadWithFormEncodedLabelsReadsBackInEveryFormat() throws IOException {
        // Label values with spaces, '/' and '+', encoded as the clients do: '+' for space, %2B for '+'.
        String name = "ride.cpu%7Bruntime%3DOpenJDK+Runtime+Environment%2Cversion%3D17.0.15%2B6%2Cscope%3Dcom%2Fjava%7D";
        PyroscopeApi.Response put = post("/ingest?name=" + name + "&from=" + (NOW - 20) * 1000 + "&until=" + (NOW - 10) * 1000
                + "&units=samples&aggregationType=sum&sampleRate=99&spyName=javaspy", FOLDED);
        assertEquals(200, put.status(), put.bodyText());
        assertEquals(List.of("ride.cpu"), storage.appNames());
        assertEquals(45, storage.get(Query.parse("ride.cpu{runtime=\"OpenJDK Runtime Environment\", version=\"17.0.15+6\","
                + " scope=\"com/java\"}", NOW - 60, NOW)).tree().total());
        assertEquals(new AppMetadata("samples", Aggregation.SUM, 99, "javaspy"), storage.metadata("ride.cpu"));

        PyroscopeApi.Response json = get("/render?query=ride.cpu%7Bversion%3D%2217.0.15%2B6%22%7D&from=now-1h&until=now&format=json");
        assertEquals(200, json.status(), json.bodyText());
        assertEquals("application/json", json.headers().get("Content-Type"));
        Map<String, Object> fb = MiniJson.object(MiniJson.object(MiniJson.parse(json.bodyText())).get("flamebearer"));
        assertEquals(45L, fb.get("numTicks"));

        PyroscopeApi.Response collapsed = get("/render?query=ride.cpu&from=" + (NOW - 3600) + "&until=" + NOW + "&format=collapsed");
        assertEquals(Tree.parseFolded(FOLDED), Tree.parseFolded(collapsed.bodyText()));
        PyroscopeApi.Response pprof = get("/render?query=ride.cpu&format=pprof");
        assertEquals(Tree.parseFolded(FOLDED), PprofProfile.read(pprof.body()).tree(0));
        assertTrue(get("/render?query=ride.cpu&format=html&maxNodes=2").bodyText().startsWith("<!DOCTYPE html>"));
    }

    @Test
    void linesFormatCountsEachLineOnce() throws IOException {
        assertEquals(200, post("/ingest?name=app.cpu&format=lines&from=" + (NOW - 10), "a;b\na;b\n\na;c\n").status());
        assertEquals(Tree.parseFolded("a;b 2\na;c 1"), storage.get(Query.parse("app.cpu", NOW - 60, NOW)).tree());
    }

    @Test
    void diffAndDiscoveryFollowPyroscope() {
        post("/ingest?name=app.cpu%7Bregion%3Deu%7D&from=" + (NOW - 7200) + "&until=" + (NOW - 7190), "main;slow 10\n");
        post("/ingest?name=app.cpu%7Bregion%3Dus%7D&from=" + (NOW - 100) + "&until=" + (NOW - 90), "main;slow 30\nmain;fast 5\n");
        post("/ingest?name=app.alloc_space&from=" + (NOW - 100) + "&until=" + (NOW - 90) + "&units=bytes", "main;new 4096\n");

        PyroscopeApi.Response diff = get("/render-diff?leftQuery=app.cpu&leftFrom=now-3h&leftUntil=now-1h"
                + "&rightQuery=app.cpu&rightFrom=now-1h&rightUntil=now");
        Map<String, Object> doc = MiniJson.object(MiniJson.parse(diff.bodyText()));
        assertEquals("double", MiniJson.object(doc.get("metadata")).get("format"));
        assertEquals(10L, doc.get("leftTicks"));
        assertEquals(35L, doc.get("rightTicks"));

        assertEquals("[\"__name__\",\"region\"]", get("/labels?query=app.cpu&from=now-3h").bodyText());
        assertEquals("[\"us\"]", get("/label-values?label=region&query=app.cpu").bodyText());
        assertEquals("[\"eu\",\"us\"]", get("/label-values?label=region&from=now-3h").bodyText());
        assertEquals("[\"app.alloc_space\",\"app.cpu\"]", get("/label-values?label=__name__").bodyText());
        List<Object> apps = MiniJson.list(MiniJson.parse(get("/api/apps").bodyText()));
        assertEquals(Map.of("name", "app.alloc_space", "spyName", "unknown", "sampleRate", 100L, "units", "bytes",
                "aggregationType", "sum"), apps.get(0));
    }

    @Test
    void sampleTypeConfigNamesTypesSetsUnitsAndAggregationAndSelectsWhatIsStored() throws IOException {
        byte[] profileBytes = java.nio.file.Files.readAllBytes(TestData.directory().resolve("pprof/parca-alloc_objects.pb.gz"));
        PprofProfile profile = PprofProfile.read(profileBytes);
        String config = "{\"alloc_space\": {\"units\": \"bytes\", \"display-name\": \"allocated\"},"
                + " \"inuse_objects\": {\"units\": \"things\", \"aggregation\": \"sum\", \"sampled\": true}}";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--b1\r\nContent-Disposition: form-data; name=\"profile\"; filename=\"profile.pprof\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(profileBytes);
        body.writeBytes(("\r\n--b1\r\nContent-Disposition: form-data; name=\"sample_type_config\"; filename=\"c.json\"\r\n\r\n"
                + config + "\r\n--b1--\r\n").getBytes(StandardCharsets.UTF_8));
        PyroscopeApi.Response put = call(api, "POST", "/ingest?format=pprof&name=go&from=" + (NOW - 20) + "&until=" + (NOW - 10),
                Map.of("Content-Type", "multipart/form-data; boundary=b1"), body.toByteArray());
        assertEquals(200, put.status(), put.bodyText());

        assertEquals(List.of("go.allocated", "go.inuse_objects"), storage.appNames(), "only the configured types");
        int space = profile.sampleTypes().indexOf(new PprofProfile.ValueType("alloc_space", "bytes"));
        int objects = profile.sampleTypes().indexOf(new PprofProfile.ValueType("inuse_objects", "count"));
        assertEquals(profile.tree(space), storage.get(Query.parse("go.allocated", NOW - 60, NOW)).tree());
        assertEquals(profile.tree(objects), storage.get(Query.parse("go.inuse_objects", NOW - 60, NOW)).tree());
        assertEquals("bytes", storage.metadata("go.allocated").units());
        assertEquals(new AppMetadata("things", Aggregation.SUM, profile.metadata(objects).sampleRate(), "unknown"),
                storage.metadata("go.inuse_objects"), "the config overrides the average an inuse type would get");

        assertRefused(400, "sample_type_config", call(api, "POST", "/ingest?format=pprof&name=go2",
                Map.of("Content-Type", "multipart/form-data; boundary=b1"),
                body.toString(StandardCharsets.ISO_8859_1).replace(config, "{\"alloc_space\": [}")
                        .getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void malformedUploadsAreRefusedWithTheProblemAndStoreNothing() {
        assertRefused(400, "request body:2: sample count", post("/ingest?name=app.cpu", "main;a 1\nmain;b x\n"));
        assertRefused(400, "parameter name", post("/ingest?name=app.cpu%7Bregion", "main 1\n"));
        assertRefused(400, "parameter name is required", post("/ingest?from=1", "main 1\n"));
        assertRefused(400, "format 'trie'", post("/ingest?name=app.cpu&format=trie", "main 1\n"));
        assertRefused(400, "from", post("/ingest?name=app.cpu&from=yesterday", "main 1\n"));
        assertRefused(400, "pprof", post("/ingest?name=app.cpu&format=pprof", "\u0008\u00ff"));
        assertRefused(400, "aggregationType", post("/ingest?name=app.cpu&aggregationType=max", "main 1\n"));
        assertRefused(400, "not closed by a boundary", call(api, "POST", "/ingest?name=app&format=jfr",
                Map.of("Content-Type", "multipart/form-data; boundary=xyz"),
                "--xyz\r\nContent-Disposition: form-data; name=\"jfr\"\r\n\r\nFLR\0".getBytes(StandardCharsets.UTF_8)));
        assertRefused(400, "not a readable JFR recording", call(api, "POST", "/ingest?name=app&format=jfr", Map.of(), "not a recording".getBytes(StandardCharsets.UTF_8)));
        assertRefused(400, "bad selector", get("/render?query=app.cpu%7B"));
        assertRefused(404, "no endpoint /nope", get("/nope"));
        assertRefused(405, "POST", get("/ingest?name=app.cpu"));
        assertEquals(List.of(), storage.appNames());
    }

    static void assertRefused(int status, String mention, PyroscopeApi.Response response) {
        assertEquals(status, response.status(), response.bodyText());
        assertTrue(response.bodyText().contains(mention), "'" + response.bodyText() + "' should mention " + mention);
        assertTrue(!response.bodyText().contains("\tat "), "no stack trace: " + response.bodyText());
    }
}
