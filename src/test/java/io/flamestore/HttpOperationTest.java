package io.flamestore;

import static io.flamestore.HttpApiTest.assertRefused;
import static io.flamestore.HttpApiTest.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, authentication, tenants and concurrency of {@link PyroscopeApi}. */
class HttpOperationTest {
    private static final byte[] FOLDED = "main;work 7\n".getBytes(StandardCharsets.UTF_8);
    private static final String INGEST = "/ingest?name=app.cpu&from=1700000000&until=1700000010";

    @Test
    void bodiesOverTheLimitGet413WhetherSizedChunkedOrInflated(@TempDir Path dir) throws IOException {
        try (Storage storage = Storage.open(dir);
                PyroscopeApi api = PyroscopeApi.builder().storage(storage).maxBodyBytes(1000).maxInflatedBytes(5000).build()) {
            byte[] big = "main;work 1\n".repeat(100).getBytes(StandardCharsets.UTF_8);
            assertRefused(413, "1000 bytes", call(api, "POST", INGEST, Map.of("Content-Length", "1200"), big));
            assertRefused(413, "1000 bytes", call(api, "POST", INGEST, Map.of(), big));
            byte[] bomb = gzip("main;work 1\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
            assertEquals(true, bomb.length < 1000, "the gzip is small: " + bomb.length);
            assertRefused(413, "5000 bytes", call(api, "POST", INGEST, Map.of(), bomb));
            assertEquals(List.of(), storage.appNames());
            assertEquals(200, call(api, "POST", INGEST, Map.of(), gzip(FOLDED)).status());
            assertEquals(7, IngestReplayTest.total(storage, "app.cpu"));
        }
    }

    @Test
    void credentialsAreRequiredWhenConfigured(@TempDir Path dir) throws IOException {
        try (Storage storage = Storage.open(dir)) {
            PyroscopeApi bearer = PyroscopeApi.builder().storage(storage).bearerToken("s3cret").build();
            assertRefused(401, "credentials", call(bearer, "POST", INGEST, Map.of(), FOLDED));
            assertRefused(401, "credentials", call(bearer, "GET", "/api/apps", Map.of("Authorization", "Bearer guess"), new byte[0]));
            assertEquals(200, call(bearer, "POST", INGEST, Map.of("authorization", "Bearer s3cret"), FOLDED).status());

            PyroscopeApi basic = PyroscopeApi.builder().storage(storage).basicAuth("agent", "pw").build();
            String good = "Basic " + Base64.getEncoder().encodeToString("agent:pw".getBytes(StandardCharsets.UTF_8));
            assertEquals(401, call(basic, "GET", "/api/apps", Map.of(), new byte[0]).status());
            assertEquals(200, call(basic, "GET", "/api/apps", Map.of("Authorization", good), new byte[0]).status());
        }
    }

    @Test
    void tenantsNeverSeeEachOthersSeries(@TempDir Path dir) throws IOException {
        try (PyroscopeApi api = PyroscopeApi.builder().tenantDirectory(dir, StorageOptions.defaults()).build()) {
            assertEquals(200, call(api, "POST", INGEST, Map.of("X-Scope-OrgID", "team-a"), FOLDED).status());
            assertEquals(200, call(api, "POST", INGEST.replace("app.cpu", "other.cpu"), Map.of(), FOLDED).status());
            String apps = "/label-values?label=__name__&from=1699990000&until=1700000100";
            assertEquals("[\"app.cpu\"]", call(api, "GET", apps, Map.of("X-Scope-OrgID", "team-a"), new byte[0]).bodyText());
            assertEquals("[]", call(api, "GET", apps, Map.of("X-Scope-OrgID", "team-b"), new byte[0]).bodyText());
            assertEquals("[\"other.cpu\"]", call(api, "GET", apps, Map.of(), new byte[0]).bodyText());
            assertRefused(400, "X-Scope-OrgID", call(api, "GET", apps, Map.of("X-Scope-OrgID", "../etc"), new byte[0]));
        }
    }

    @Test
    void requestsBeyondTheLimitGet503AndAResendIsStoredOnce(@TempDir Path dir) throws Exception {
        try (Storage storage = Storage.open(dir);
                PyroscopeApi api = PyroscopeApi.builder().storage(storage).maxConcurrentRequests(1).build()) {
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            InputStream slow = new InputStream() {
                private int next;

                @Override
                public int read() throws IOException {
                    if (next == 0) {
                        reading.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    return next < FOLDED.length ? FOLDED[next++] : -1;
                }
            };
            CompletableFuture<PyroscopeApi.Response> first = CompletableFuture.supplyAsync(() -> api.handle(
                    new PyroscopeApi.Request("POST", "/ingest", INGEST.substring(8), Map.of(), slow)));
            reading.await();
            PyroscopeApi.Response busy = call(api, "POST", INGEST, Map.of(), FOLDED);
            assertEquals(503, busy.status(), busy.bodyText());
            assertEquals("1", busy.headers().get("Retry-After"));
            release.countDown();
            assertEquals(200, first.get().status());
            // The agent resends what got 503: the identical upload is stored once.
            assertEquals(200, call(api, "POST", INGEST, Map.of(), FOLDED).status());
            assertEquals(7, IngestReplayTest.total(storage, "app.cpu"));
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
