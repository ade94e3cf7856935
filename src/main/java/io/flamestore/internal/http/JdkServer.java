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

/**
 * A {@link PyroscopeApi} served by the JDK's built-in {@code com.sun.net.httpserver} (no dependency),
 * as {@code flamestore serve} runs it. The API's own concurrency limit answers 503 beyond its permits;
 * the pool has a few threads more so that those answers do not wait behind the requests being served.
 */
public final class JdkServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool;

    private JdkServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Starts serving {@code api} on {@code address} (port 0 picks a free one) with {@code threads} workers. */
    public static JdkServer start(PyroscopeApi api, InetSocketAddress address, int threads) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flamestore-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", exchange -> serve(api, exchange));
        server.start();
        return new JdkServer(server, pool);
    }

    private static void serve(PyroscopeApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.isEmpty() ? "" : values.get(0)));
            PyroscopeApi.Response response = api.handle(new PyroscopeApi.Request(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers,
                    exchange.getRequestBody()));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    /** The address served, with the port chosen if 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Stops accepting connections, lets the requests in progress finish (uploads included) for up to
     * {@code graceSeconds}, then stops the workers.
     */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        pool.shutdown();
        try {
            pool.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
    }
}
