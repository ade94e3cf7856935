package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.internal.http.JdkServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many agents' worth of uploads on loopback for a bounded time ({@code -Dflamestore.loadSeconds},
 * default 3): every upload that got 200 is stored exactly once, each 503 is retried as an agent
 * would. Prints uploads per second and latency percentiles (see docs/benchmarks.md).
 */
class HttpLoadTest {
    private static final int AGENTS = 16;
    private static final String STACKS = "main;http;handle;order_car 3\nmain;http;handle;order_bike 2\nmain;gc 1\n";

    @Test
    void concurrentAgentsLoseAndDoubleCountNothing(@TempDir Path dir) throws Exception {
        long seconds = Long.getLong("flamestore.loadSeconds", 3);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long accepted;
        long stored;
        long started = System.nanoTime();
        try (Storage storage = Storage.open(dir);
                JdkServer server = JdkServer.start(PyroscopeApi.builder().storage(storage).maxConcurrentRequests(8).build(),
                        new InetSocketAddress("127.0.0.1", 0), 12)) {
            ExecutorService agents = Executors.newFixedThreadPool(AGENTS);
            List<Future<Long>> counts = new ArrayList<>();
            long deadline = started + seconds * 1_000_000_000L;
            for (int a = 0; a < AGENTS; a++) {
                int agent = a;
                counts.add(agents.submit(() -> upload(server, agent, deadline, latencies)));
            }
            accepted = 0;
            for (Future<Long> count : counts) {
                accepted += count.get();
            }
            agents.shutdown();
            stored = IngestReplayTest.total(storage, "load.cpu");
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "http load: %d agents, %d uploads in %.1f s = %.0f uploads/s, latency p50 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", AGENTS, accepted, elapsed, accepted / elapsed, percentile(sorted, 0.50),
                percentile(sorted, 0.99), percentile(sorted, 1.0));
        assertTrue(accepted > 0);
        assertEquals(accepted * 6, stored, "every accepted upload stored exactly once");
    }

    /** One agent: a distinct 10 s profile per upload, resent after a 503 as the real agent does. */
    private static long upload(JdkServer server, int agent, long deadline, List<Long> latencies) throws Exception {
        long uploads = 0;
        byte[] body = STACKS.getBytes(StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            long from = 1_700_000_000L + uploads * 10;
            String path = "/ingest?name=load.cpu%7Bagent%3D" + agent + "%7D&from=" + from + "&until=" + (from + 10);
            int status;
            do {
                long t0 = System.nanoTime();
                status = HttpServeTest.send(server, "POST", path, null, out -> out.write(body)).status();
                latencies.add(System.nanoTime() - t0);
            } while (status == 503);
            assertEquals(200, status);
            uploads++;
        }
        return uploads;
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
