package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.internal.http.JdkServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PyroscopeApi} behind the JDK's HTTP server on loopback, as {@code flamestore serve} runs it. */
class HttpServeTest {
    /** A response's status and text. */
    record Reply(int status, String body) {
    }

    /** A body writer that may pause between the bytes it writes. */
    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    @Test
    void capturedJavaUploadsOverRealHttpStoreWhatTheInProcessReplayStores(@TempDir Path dir) throws Exception {
        List<CapturedRequest> requests = CapturedRequest.load(TestData.directory().resolve("ingest/java-cpu-labels"));
        long expected;
        try (Storage reference = Storage.open(dir.resolve("reference"))) {
            IngestReplayTest.replay(reference, requests);
            expected = IngestReplayTest.total(reference, "demo.app.cpu");
        }
        try (Storage storage = Storage.open(dir.resolve("served"));
                JdkServer server = JdkServer.start(PyroscopeApi.of(storage), new InetSocketAddress("127.0.0.1", 0), 4)) {
            for (CapturedRequest captured : requests) {
                // Chunked, as the agent sends it.
                Reply reply = send(server, "POST", captured.path() + "?" + captured.query(), captured.header("Content-Type"),
                        out -> out.write(captured.body()));
                assertEquals(200, reply.status(), reply.body());
            }
            assertEquals(expected, IngestReplayTest.total(storage, "demo.app.cpu"));
            Reply json = send(server, "GET", "/render?query=demo.app.cpu%7Bvehicle%3D%22car%22%7D&from=1795931500&until=1795931700",
                    null, null);
            assertEquals(200, json.status());
            Map<String, Object> fb = MiniJson.object(MiniJson.object(MiniJson.parse(json.body())).get("flamebearer"));
            assertEquals(IngestReplayTest.total(storage, "demo.app.cpu{vehicle=\"car\"}"), fb.get("numTicks"));
        }
    }

    @Test
    void stoppingLetsAnUploadInProgressFinishAndBeStored(@TempDir Path dir) throws Exception {
        try (Storage storage = Storage.open(dir)) {
            PyroscopeApi api = PyroscopeApi.of(storage);
            // In progress means being handled: a request the server has not yet passed to its handler
            // when the stop begins is refused (the client resends it), which is not what this test is about.
            CountDownLatch handling = new CountDownLatch(1);
            JdkServer server = JdkServer.start(request -> {
                handling.countDown();
                return api.handle(request);
            }, new InetSocketAddress("127.0.0.1", 0), 2);
            CountDownLatch sending = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            byte[] body = "main;work 5\n".getBytes(StandardCharsets.UTF_8);
            CompletableFuture<Reply> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(server, "POST", "/ingest?name=app.cpu&from=1700000000&until=1700000010", null, out -> {
                        out.write(body, 0, 5);
                        out.flush();
                        sending.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        out.write(body, 5, body.length - 5);
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTrue(sending.await(10, TimeUnit.SECONDS));
            assertTrue(handling.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> server.stop(10));
            Thread.sleep(200); // the stop has begun: no new connections
            release.countDown();
            assertEquals(200, upload.get(10, TimeUnit.SECONDS).status());
            stop.get(15, TimeUnit.SECONDS);
            assertEquals(5, IngestReplayTest.total(storage, "app.cpu"));
        }
    }

    static Reply send(JdkServer server, String method, String pathAndQuery, String contentType, BodyWriter body)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery)
                .toURL().openConnection();
        c.setRequestMethod(method);
        if (contentType != null) {
            c.setRequestProperty("Content-Type", contentType);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setChunkedStreamingMode(4096);
            try (OutputStream out = c.getOutputStream()) {
                body.write(out);
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }
}
