package io.flamestore.internal.http;

import io.flamestore.CorruptDataException;
import io.flamestore.ProfileFormatException;
import io.flamestore.PyroscopeApi.Request;
import io.flamestore.PyroscopeApi.Response;
import io.flamestore.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Dispatches requests to the endpoints after the checks every request passes: the concurrency limit
 * (503 beyond it, which agents retry), authentication (401) and the tenant. Turns every failure into
 * a response with one line of text: 4xx for what the client got wrong, 500 for the store's failures.
 */
public final class Router {
    /** Where OTLP/HTTP exporters send profiles: the signal's path under its protocol version. */
    private static final String OTLP_PROFILES = "/v1development/profiles";
    private static final List<String> ENDPOINTS = List.of("/ingest", OTLP_PROFILES, "/render", "/render-diff", "/labels",
            "/label-values", "/api/apps");

    private final ApiConfig config;
    private final TenantStores stores;
    private final Semaphore permits;
    private final IngestHandler ingest;
    private final OtlpHandler otlp;

    public Router(ApiConfig config, TenantStores stores) {
        this.config = config;
        this.stores = stores;
        this.permits = new Semaphore(config.maxConcurrentRequests());
        RecentUploads recent = new RecentUploads(config.recentUploads());
        this.ingest = new IngestHandler(config, recent);
        this.otlp = new OtlpHandler(config, recent);
    }

    public Response handle(Request request) {
        if (!permits.tryAcquire()) {
            return new Response(503, Map.of("Retry-After", "1", "Content-Type", "text/plain; charset=utf-8"),
                    "too many requests in progress; retry".getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!authorized(request.header("Authorization"))) {
                return new Response(401, Map.of("WWW-Authenticate", config.expectedAuthorization().startsWith("Basic")
                        ? "Basic realm=\"flamestore\"" : "Bearer", "Content-Type", "text/plain; charset=utf-8"),
                        "missing or wrong credentials".getBytes(StandardCharsets.UTF_8));
            }
            return route(request);
        } catch (HttpError e) {
            return Response.text(e.status(), e.getMessage());
        } catch (ProfileFormatException | IllegalArgumentException e) {
            return Response.text(400, e.getMessage());
        } catch (CorruptDataException e) {
            return Response.text(500, "corrupt data in the store: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Response.text(500, "internal error: " + e);
        } finally {
            permits.release();
        }
    }

    private Response route(Request request) throws IOException {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        if (!ENDPOINTS.contains(path)) {
            throw new HttpError(404, "no endpoint " + path + " (known: " + String.join(", ", ENDPOINTS) + ")");
        }
        boolean post = path.equals("/ingest") || path.equals(OTLP_PROFILES);
        String method = request.method();
        if (post ? !method.equals("POST") : !method.equals("GET") && !method.equals("HEAD")) {
            throw new HttpError(405, path + " takes " + (post ? "POST" : "GET") + ", not " + method);
        }
        String tenant = TenantStores.tenant(request.header("X-Scope-OrgID"));
        Storage storage = stores.storage(tenant);
        if (post) {
            return path.equals(OTLP_PROFILES) ? otlp.handle(request, storage, tenant) : ingest.handle(request, storage, tenant);
        }
        Params params = Params.parse(request.query(), config.now());
        return switch (path) {
            case "/render" -> RenderHandler.render(params, storage);
            case "/render-diff" -> RenderHandler.renderDiff(params, storage);
            case "/labels" -> DiscoveryHandler.labels(params, storage);
            case "/label-values" -> DiscoveryHandler.labelValues(params, storage);
            default -> DiscoveryHandler.apps(storage);
        };
    }

    /** Compared in constant time, so that response times do not reveal how much of a guess was right. */
    private boolean authorized(String header) {
        String expected = config.expectedAuthorization();
        if (expected == null) {
            return true;
        }
        return header != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                header.trim().getBytes(StandardCharsets.UTF_8));
    }
}
