package io.flamestore;

import io.flamestore.internal.http.ApiConfig;
import io.flamestore.internal.http.Router;
import io.flamestore.internal.http.TenantStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Pyroscope's HTTP API over a {@link Storage}, free of any HTTP framework: the embedder's server hands
 * each request in as a {@link Request} and writes the {@link Response} back. The Pyroscope Java agent,
 * its Node.js client and anything else speaking Pyroscope's protocol can then upload to the embedder,
 * and Pyroscope's UI or Grafana's flame-graph panel can read from it.
 *
 * <pre>{@code
 * PyroscopeApi api = PyroscopeApi.builder().storage(storage).maxBodyBytes(32 << 20).build();
 * PyroscopeApi.Response r = api.handle(new PyroscopeApi.Request("POST", "/ingest",
 *         "name=app.cpu&from=1700000000&until=1700000010", Map.of(), body));
 * }</pre>
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>path</th><th>parameters</th></tr>
 * <tr><td>{@code POST /ingest}</td><td>{@code name, from, until, format} ({@code folded} default,
 *     {@code lines}, {@code pprof}, {@code jfr}), {@code units, aggregationType, sampleRate, spyName}</td></tr>
 * <tr><td>{@code POST /v1development/profiles}</td><td>none: an OTLP/HTTP profiles export
 *     ({@code ExportProfilesServiceRequest}, protobuf); the series is named by {@code service.name}</td></tr>
 * <tr><td>{@code GET /render}</td><td>{@code query, from, until, maxNodes, format}
 *     ({@code json} flamebearer, {@code collapsed}, {@code pprof}, {@code html})</td></tr>
 * <tr><td>{@code GET /render-diff}</td><td>{@code leftQuery, leftFrom, leftUntil, rightQuery,
 *     rightFrom, rightUntil, maxNodes, format} ({@code json}, {@code html})</td></tr>
 * <tr><td>{@code GET /labels}, {@code /label-values}</td><td>{@code query, from, until}; {@code label}</td></tr>
 * <tr><td>{@code GET /api/apps}</td><td>none: every application with its metadata</td></tr>
 * </table>
 *
 * <p>Bad requests get a 4xx status with one line of text naming the problem; an upload is parsed
 * whole before anything of it is stored, so a rejected upload stores nothing. An upload identical to
 * one of the last {@link Builder#recentUploads} accepted ones (same tenant, name, times, format and
 * content) is acknowledged but not stored again: agents resend after a 5xx or timeout. Thread-safe;
 * {@link #close()} closes the stores this API opened for tenants, never one given to {@link Builder#storage}.
 */
public final class PyroscopeApi implements AutoCloseable {
    /** One HTTP request: {@code query} is the raw query string (no {@code ?}); headers match case-insensitively. */
    public record Request(String method, String path, String query, Map<String, String> headers, InputStream body) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            query = query == null ? "" : query;
            TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            caseless.putAll(Objects.requireNonNull(headers, "headers"));
            headers = Collections.unmodifiableMap(caseless);
            body = body == null ? new ByteArrayInputStream(new byte[0]) : body;
        }

        /** The value of a header, any case, or null. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** One HTTP response. The body array is the response's own; callers must not change it. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** A plain-text response. */
        public static Response text(int status, String text) {
            return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                    text.getBytes(StandardCharsets.UTF_8));
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Router router;
    private final TenantStores stores;

    private PyroscopeApi(ApiConfig config, TenantStores stores) {
        this.stores = stores;
        this.router = new Router(config, stores);
    }

    /** An API over one store with default limits and no authentication. */
    public static PyroscopeApi of(Storage storage) {
        return builder().storage(storage).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers one request. Never throws for a bad request or failed store operation: those become
     * 4xx and 5xx responses with a one-line message.
     */
    public Response handle(Request request) {
        return router.handle(Objects.requireNonNull(request, "request"));
    }

    /** Closes the tenants' stores this API opened; waits for no request (the server stops those first). */
    @Override
    public void close() throws IOException {
        stores.close();
    }

    /** Settings of a {@link PyroscopeApi}; give exactly one of {@link #storage} and {@link #tenantDirectory}. */
    public static final class Builder {
        private Storage storage;
        private Path tenantRoot;
        private StorageOptions tenantOptions;
        private final ApiConfig.Builder config = new ApiConfig.Builder();

        private Builder() {
        }

        /** All requests read and write this store; {@code X-Scope-OrgID} is ignored. */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * One store per tenant, {@code root/<X-Scope-OrgID>}, opened on first use; requests without
         * the header belong to tenant {@code anonymous}. Tenants never see each other's data.
         */
        public Builder tenantDirectory(Path root, StorageOptions options) {
            this.tenantRoot = Objects.requireNonNull(root, "root");
            this.tenantOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The largest request body accepted, as sent (default 16 MiB); larger ones get 413. */
        public Builder maxBodyBytes(long bytes) {
            config.maxBodyBytes(bytes);
            return this;
        }

        /** The largest gunzipped payload (JFR, pprof, labels) accepted (default 256 MiB); larger ones get 413. */
        public Builder maxInflatedBytes(long bytes) {
            config.maxInflatedBytes(bytes);
            return this;
        }

        /** How many recently accepted uploads are remembered to recognise a resend (default 10,000). */
        public Builder recentUploads(int count) {
            config.recentUploads(count);
            return this;
        }

        /** Requests handled at once (default 16); more get 503 with {@code Retry-After}, which agents honour. */
        public Builder maxConcurrentRequests(int count) {
            config.maxConcurrentRequests(count);
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} on every request. */
        public Builder bearerToken(String token) {
            config.bearerToken(token);
            return this;
        }

        /** Requires HTTP basic authentication with these credentials on every request. */
        public Builder basicAuth(String user, String password) {
            config.basicAuth(user, password);
            return this;
        }

        /** The clock for {@code now-1h} and for uploads without times (default the system's). */
        public Builder clock(Clock clock) {
            config.clock(clock);
            return this;
        }

        public PyroscopeApi build() {
            if ((storage == null) == (tenantRoot == null)) {
                throw new IllegalStateException("give exactly one of storage(...) and tenantDirectory(...)");
            }
            TenantStores stores = storage != null ? TenantStores.single(storage) : TenantStores.perTenant(tenantRoot, tenantOptions);
            return new PyroscopeApi(config.build(), stores);
        }
    }
}
