package io.flamestore.internal.http;

import io.flamestore.AppKey;
import io.flamestore.PyroscopeApi.Request;
import io.flamestore.PyroscopeApi.Response;
import io.flamestore.Storage;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /ingest}: reads the whole body within its limit, parses it by {@code format}, then
 * stores it unless it is a resend of a recent upload.
 */
final class IngestHandler {
    private final ApiConfig config;
    private final RecentUploads recent;

    IngestHandler(ApiConfig config, RecentUploads recent) {
        this.config = config;
        this.recent = recent;
    }

    Response handle(Request request, Storage storage, String tenant) throws IOException {
        Params params = Params.parse(request.query(), config.now());
        AppKey key = key(params.required("name"));
        long until = params.time("until", "now");
        long from = params.time("from", Long.toString(until - 10));
        if (from > until || until - from > Storage.MAX_PROFILE_SECONDS) {
            throw HttpError.badRequest("from=" + from + " and until=" + until + " must be in order and at most "
                    + Storage.MAX_PROFILE_SECONDS + " s apart");
        }
        // Agents truncate ms to s, so a short profile may have from == until; it still took place.
        until = Math.max(until, from + 1);
        String format = params.get("format", "folded");
        byte[] body = Bodies.read(request.body(), request.header("Content-Length"), config.maxBodyBytes());
        String boundary = Multipart.boundary(request.header("Content-Type"));
        Map<String, byte[]> parts = boundary == null ? Map.of("", body) : Multipart.parse(body, boundary);
        Upload.Source source = new Upload.Source(key, from, until, params, parts, config.maxInflatedBytes());
        Upload upload = switch (format) {
            case "folded", "collapsed" -> FoldedUpload.parse(source, false);
            case "lines" -> FoldedUpload.parse(source, true);
            case "pprof" -> PprofUpload.parse(source);
            case "jfr" -> JfrUpload.parse(source);
            default -> throw HttpError.badRequest("format '" + format + "' is not supported (folded, lines, pprof, jfr)");
        };
        String digest = RecentUploads.digest(tenant, key.toString(), from, until, format, parts);
        return recent.storeOnce(digest, upload, storage, Response.text(200, ""),
                Response.text(200, "duplicate of a recent upload, not stored again"));
    }

    private static AppKey key(String name) {
        try {
            return AppKey.parse(name);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("parameter name: " + e.getMessage());
        }
    }
}
