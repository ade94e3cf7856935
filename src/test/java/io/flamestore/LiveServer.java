package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.flamestore.internal.http.JdkServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flamestore as {@code flamestore serve} runs it ({@link PyroscopeApi} on {@link JdkServer}, on
 * loopback, an ephemeral port) over a store of its own, for a real client to upload to. It keeps a
 * copy of every request with the status it got, so that a test can count what the client sent apart
 * from the code under test.
 */
final class LiveServer implements AutoCloseable {
    /** A request a client sent and the status it was answered with. */
    record Exchange(CapturedRequest request, int status) {
    }

    private final Storage storage;
    private final PyroscopeApi api;
    private final JdkServer server;
    private final List<Exchange> exchanges = new ArrayList<>();
    private int inProgress;

    private LiveServer(Path store) throws IOException {
        storage = Storage.open(store);
        api = PyroscopeApi.of(storage);
        server = JdkServer.start(this::handle, new InetSocketAddress("127.0.0.1", 0), 8);
    }

    static LiveServer start(Path store) throws IOException {
        return new LiveServer(store);
    }

    /** What a client is told to upload to, e.g. {@code http://127.0.0.1:41234}. */
    String address() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    Storage storage() {
        return storage;
    }

    /** A GET through the server, e.g. {@code get("/labels?query=app.cpu")}. */
    HttpServeTest.Reply get(String pathAndQuery) throws IOException {
        return HttpServeTest.send(server, "GET", pathAndQuery, null, null);
    }

    /** The JSON a GET answers with status 200. */
    Object getJson(String pathAndQuery) throws IOException {
        HttpServeTest.Reply reply = get(pathAndQuery);
        assertEquals(200, reply.status(), pathAndQuery + ": " + reply.body());
        return MiniJson.parse(reply.body());
    }

    /** Units, aggregation and spy name of each series of {@code app}, as {@code /api/apps} lists them. */
    Map<String, List<Object>> apps(String app) throws IOException {
        Map<String, List<Object>> apps = new TreeMap<>();
        for (Object entry : MiniJson.list(getJson("/api/apps"))) {
            Map<String, Object> a = MiniJson.object(entry);
            if (((String) a.get("name")).startsWith(app + ".")) {
                apps.put((String) a.get("name"), List.of(a.get("units"), a.get("aggregationType"), a.get("spyName")));
            }
        }
        return apps;
    }

    /**
     * From the collapsed stacks {@code /render} answers for {@code selector} over {@code range}
     * ({@code &from=...&until=...}): the samples under a frame matching {@code frame}, per the
     * frame's group 1 (a stack counts under its first such frame), and all samples as {@code total}.
     */
    Map<String, Long> samplesUnder(String selector, String range, Pattern frame) throws IOException {
        String query = URLEncoder.encode(selector, StandardCharsets.UTF_8);
        HttpServeTest.Reply reply = get("/render?format=collapsed&query=" + query + range);
        assertEquals(200, reply.status(), reply.body());
        Map<String, Long> samples = new TreeMap<>();
        for (String line : reply.body().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            long count = Long.parseLong(line.substring(space + 1));
            samples.merge("total", count, Long::sum);
            for (String name : line.substring(0, space).split(";")) {
                Matcher matcher = frame.matcher(name);
                if (matcher.find()) {
                    samples.merge(matcher.group(1), count, Long::sum);
                    break;
                }
            }
        }
        return samples;
    }

    /**
     * The uploads received so far, once none is in progress (a client that has exited may have left
     * its last one being stored), each checked to have been accepted.
     */
    synchronized List<CapturedRequest> acceptedUploads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inProgress > 0 && System.nanoTime() < deadline) {
            wait(1000);
        }
        assertEquals(0, inProgress, "uploads still in progress after 30 s");
        List<CapturedRequest> uploads = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            if (!exchange.request().path().equals("/ingest")) {
                continue; // the test's own queries
            }
            assertEquals(200, exchange.status(), "upload " + exchange.request().query() + " was refused");
            uploads.add(exchange.request());
        }
        assertFalse(uploads.isEmpty(), "the client uploaded nothing");
        return List.copyOf(uploads);
    }

    private PyroscopeApi.Response handle(PyroscopeApi.Request request) {
        synchronized (this) {
            inProgress++;
        }
        try {
            byte[] body = request.body().readAllBytes();
            CapturedRequest copy = new CapturedRequest("live", request.method(), request.path(),
                    request.query(), request.headers(), body);
            PyroscopeApi.Response response = api.handle(copy.toRequest());
            synchronized (this) {
                exchanges.add(new Exchange(copy, response.status()));
            }
            return response;
        } catch (IOException e) {
            return PyroscopeApi.Response.text(400, "cannot read the body: " + e.getMessage());
        } finally {
            synchronized (this) {
                inProgress--;
                notifyAll();
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(10);
        api.close();
        storage.close();
    }
}
