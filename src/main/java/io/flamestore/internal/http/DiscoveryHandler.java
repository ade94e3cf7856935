package io.flamestore.internal.http;

import io.flamestore.AppMetadata;
import io.flamestore.PyroscopeApi.Response;
import io.flamestore.Query;
import io.flamestore.Storage;
import io.flamestore.Timeline;
import io.flamestore.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a store holds, as Pyroscope answers it: {@code /labels} (label names, {@code __name__} first),
 * {@code /label-values?label=} (values of one label; {@code __name__} lists application names) and
 * {@code /api/apps} (every application with its metadata). {@code query} narrows to one selector and
 * {@code from}/{@code until} (default the last hour) to series with data in that range; without a
 * query every application is searched.
 */
final class DiscoveryHandler {
    private static final String NAME_LABEL = "__name__";

    private DiscoveryHandler() {
    }

    static Response labels(Params params, Storage storage) throws IOException {
        SortedSet<String> names = new TreeSet<>();
        for (Query query : queries(params, storage)) {
            names.addAll(storage.labelNames(query));
        }
        names.remove(NAME_LABEL);
        List<String> all = new ArrayList<>();
        all.add(NAME_LABEL); // Pyroscope lists the application name as a label, first
        all.addAll(names);
        return strings(all);
    }

    static Response labelValues(Params params, Storage storage) throws IOException {
        String label = params.required("label");
        SortedSet<String> values = new TreeSet<>();
        for (Query query : queries(params, storage)) {
            if (label.equals(NAME_LABEL)) {
                if (hasData(storage, query)) {
                    values.add(query.appName());
                }
            } else {
                values.addAll(storage.labelValues(query, label));
            }
        }
        return strings(values);
    }

    static Response apps(Storage storage) {
        StringBuilder out = new StringBuilder();
        Json json = new Json(out).beginArray();
        for (String app : storage.appNames()) {
            AppMetadata m = storage.metadata(app);
            json.beginObject().key("name").value(app).key("spyName").value(m.spyName())
                    .key("sampleRate").value(m.sampleRate()).key("units").value(m.units())
                    .key("aggregationType").value(m.aggregation().name().toLowerCase(Locale.ROOT)).endObject();
        }
        json.endArray();
        return RenderHandler.json(out.toString());
    }

    /** Whether any series of the query has a put in its range (a put of zero samples counts). */
    private static boolean hasData(Storage storage, Query query) throws IOException {
        Timeline timeline = storage.get(query).timeline();
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.hasData(i)) {
                return true;
            }
        }
        return false;
    }

    /** The query's selector over its range, or, without one, every application over the range. */
    private static Collection<Query> queries(Params params, Storage storage) {
        long from = params.time("from", "now-1h");
        long until = params.time("until", "now");
        String selector = params.get("query", null);
        if (selector != null) {
            return List.of(Query.parse(selector, from, until));
        }
        return storage.appNames().stream().map(app -> Query.parse(app, from, until)).toList();
    }

    private static Response strings(Collection<String> values) {
        StringBuilder out = new StringBuilder();
        Json json = new Json(out).beginArray();
        values.forEach(json::value);
        json.endArray();
        return RenderHandler.json(out.toString());
    }
}
