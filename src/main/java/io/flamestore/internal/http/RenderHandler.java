package io.flamestore.internal.http;

import io.flamestore.FlameGraphHtml;
import io.flamestore.Flamebearer;
import io.flamestore.PprofProfile;
import io.flamestore.PyroscopeApi.Response;
import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import io.flamestore.TreeDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code /render} and {@code /render-diff} with Pyroscope's parameters: {@code query} (a selector such
 * as {@code app.cpu{region="eu"}}), {@code from} and {@code until} (Unix s/ms, ISO-8601 or
 * {@code now-1h}; default the last hour), {@code maxNodes} (or {@code max-nodes}, default 1024) and
 * {@code format}: {@code json} (flamebearer, what Pyroscope's UI and Grafana read), {@code collapsed},
 * {@code pprof} or {@code html}. The diff takes {@code leftQuery}, {@code leftFrom}, ... and
 * {@code rightQuery}, ...; a missing side's query falls back to {@code query}.
 */
final class RenderHandler {
    private RenderHandler() {
    }

    static Response render(Params params, Storage storage) throws IOException {
        String selector = params.required("query");
        QueryResult result = storage.get(Query.parse(selector, params.time("from", "now-1h"), params.time("until", "now")));
        String format = params.get("format", "json");
        Flamebearer flamebearer = Flamebearer.of(result).withName(selector).withMaxNodes(maxNodes(params));
        return switch (format) {
            case "json" -> json(flamebearer.toJson());
            case "html" -> html(FlameGraphHtml.render(flamebearer));
            case "collapsed" -> bytes("text/plain; charset=utf-8", result.tree().toFolded().getBytes(StandardCharsets.UTF_8));
            case "pprof" -> bytes("application/octet-stream", PprofProfile.export(result.tree(), PprofProfile.ValueType.ofUnits(result.metadata().units())));
            default -> throw HttpError.badRequest("format '" + format + "' is not one of json, collapsed, pprof, html");
        };
    }

    static Response renderDiff(Params params, Storage storage) throws IOException {
        String left = params.get("leftQuery", params.get("query", null));
        String right = params.get("rightQuery", params.get("query", null));
        if (left == null || right == null) {
            throw HttpError.badRequest("parameters leftQuery and rightQuery (or query) are required");
        }
        QueryResult before = storage.get(Query.parse(left, params.time("leftFrom", "now-2h"), params.time("leftUntil", "now-1h")));
        QueryResult after = storage.get(Query.parse(right, params.time("rightFrom", "now-1h"), params.time("rightUntil", "now")));
        Flamebearer diff = Flamebearer.of(TreeDiff.of(before.tree(), after.tree())).withName(left + " vs " + right)
                .withMetadata(before.metadata()).withMaxNodes(maxNodes(params));
        String format = params.get("format", "json");
        return switch (format) {
            case "json" -> json(diff.toJson());
            case "html" -> html(FlameGraphHtml.render(diff));
            default -> throw HttpError.badRequest("format '" + format + "' is not one of json, html for a diff");
        };
    }

    private static int maxNodes(Params params) {
        String name = params.get("maxNodes", null) != null ? "maxNodes" : "max-nodes";
        return (int) params.number(name, Flamebearer.DEFAULT_MAX_NODES, 1, Integer.MAX_VALUE);
    }

    static Response json(String json) {
        return bytes("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Response html(String page) {
        return bytes("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static Response bytes(String contentType, byte[] body) {
        return new Response(200, Map.of("Content-Type", contentType), body);
    }
}
