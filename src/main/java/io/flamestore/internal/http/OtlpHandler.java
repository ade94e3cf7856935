package io.flamestore.internal.http;

import io.flamestore.PyroscopeApi.Request;
import io.flamestore.PyroscopeApi.Response;
import io.flamestore.Storage;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1development/profiles}: OTLP/HTTP export of the profiles signal, binary protobuf,
 * gzipped or not. The answer to a stored or resent export is an empty
 * {@code ExportProfilesServiceResponse}: no {@code partial_success}, since a request is stored whole
 * or refused whole (400 naming the problem; OTLP exporters do not retry a 400).
 */
final class OtlpHandler {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final Response EXPORTED = new Response(200, Map.of("Content-Type", PROTOBUF), new byte[0]);

    private final ApiConfig config;
    private final RecentUploads recent;

    OtlpHandler(ApiConfig config, RecentUploads recent) {
        this.config = config;
        this.recent = recent;
    }

    Response handle(Request request, Storage storage, String tenant) throws IOException {
        String type = request.header("Content-Type");
        if (type != null && !type.trim().toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
            throw new HttpError(415, "Content-Type " + type + " is not supported: OTLP profiles are accepted as "
                    + PROTOBUF + " only");
        }
        byte[] body = Bodies.read(request.body(), request.header("Content-Length"), config.maxBodyBytes());
        String encoding = request.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            if (!encoding.trim().equalsIgnoreCase("gzip")) {
                throw new HttpError(415, "Content-Encoding " + encoding + " is not supported (gzip, identity)");
            }
            if (!Bodies.isGzip(body)) {
                throw HttpError.badRequest("Content-Encoding is gzip but the request body does not start with gzip's magic");
            }
        }
        byte[] message = Bodies.inflateIfGzip(body, config.maxInflatedBytes(), "request body");
        Upload upload = OtlpUpload.parse(message, config.now());
        // Keyed by the decoded bytes: a resend compressed differently is still the same export.
        String digest = RecentUploads.digest(tenant, "", 0, 0, "otlp", Map.of("", message));
        return recent.storeOnce(digest, upload, storage, EXPORTED, EXPORTED);
    }
}
