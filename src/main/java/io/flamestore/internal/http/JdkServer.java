package io.flamestore.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flamestore.PyroscopeApi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link PyroscopeApi} served by the JDK's built-in {@code com.sun.net.httpserver} (no dependency),
 * as {@code flamestore serve} runs it. The API's own concurrency limit answers 503 beyond its permits;
 * the pool has a few threads more so that those answers do not wait behind the requests being served.
 *
 * <p>Requests in progress are counted here because the JDK's own {@code HttpServer.stop(delay)} waits
 * the whole delay on JDK 17 even when nothing is in progress (fixed only in later JDKs).
 */
public final class JdkServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private JdkServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Starts serving {@code api} on {@code address} (port 0 picks a free one) with {@code threads} workers. */
    public static JdkServer start(PyroscopeApi api, InetSocketAddress address, int threads) throws IOException {
        return start(api::handle, address, threads);
    }

    /**
     * Starts serving {@code handler}, which may wrap a {@link PyroscopeApi}: the end-to-end tests keep
     * each body a real client sent, to count its samples apart from the code under test.
     */
    public static JdkServer start(Function<PyroscopeApi.Request, PyroscopeApi.Response> handler, InetSocketAddress address,
            int threads) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flamestore-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        JdkServer jdkServer = new JdkServer(server, pool);
        server.createContext("/", exchange -> jdkServer.serve(handler, exchange));
        server.start();
        return jdkServer;
    }

    private void serve(Function<PyroscopeApi.Request, PyroscopeApi.Response> handler, HttpExchange exchange)
            throws IOException {
        active.incrementAndGet(); // before looking at stopping: stop() then either waits for us or we see it
        try (exchange) {
            PyroscopeApi.Response response = stopping.get()
                    ? PyroscopeApi.Response.text(503, "shutting down; retry")
                    : handler.apply(request(exchange));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } finally {
            active.decrementAndGet();
        }
    }

    private static PyroscopeApi.Request request(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.isEmpty() ? "" : values.get(0)));
        return new PyroscopeApi.Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody());
    }

    /** The address served, with the port chosen if 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Answers new requests with 503 (agents resend later), lets the requests in progress finish
     * (uploads included) for up to {@code graceSeconds}, then closes the server and its workers.
     */
    public void stop(int graceSeconds) {
        stopping.set(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        try {
            while (active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        pool.shutdown();
    }

    @Override
    public void close() {
        stop(0);
    }
}
