package io.flamestore;

import io.flamestore.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A self-contained HTML page (one file, no network access) showing a {@link Flamebearer}: an icicle
 * flame graph drawn on a canvas (click a frame to zoom, Escape or "Reset zoom" to zoom out, hover
 * for name, self, total and percent, a search box that highlights matching frames), the timeline
 * above it (gaps where there is no data), and a sortable table of the top functions. A diff colours
 * each frame by the change of its share of each side's total: red grew, green shrank.
 *
 * <p>The page embeds the flamebearer JSON, so its size follows {@link Flamebearer#maxNodes}; only
 * frames at least half a pixel wide in the zoomed range are drawn. The table lists the
 * {@value #TABLE_FUNCTIONS} functions with the most self and the {@value #TABLE_FUNCTIONS} with the
 * most total (both sides summed for a diff), computed from the untruncated tree. Opened with
 * {@code #selftest} the page exercises itself and writes what it drew into the DOM (see
 * {@code flamegraph.js}).
 */
public final class FlameGraphHtml {
    /** Functions listed per ranking (most self, most total). */
    static final int TABLE_FUNCTIONS = 200;

    /** The page template cut at its three insertion points: styles, data, script. */
    private static final String[] TEMPLATE = split(resource("flamegraph.html"), "/*css*/", "/*data*/", "/*script*/");
    private static final String CSS = resource("flamegraph.css");
    /** The page's parts first, then the main script that uses them. */
    private static final String SCRIPT = resource("flamegraph-format.js") + resource("flamegraph-levels.js")
            + resource("flamegraph-timeline.js") + resource("flamegraph-table.js") + resource("flamegraph-selftest.js")
            + resource("flamegraph.js");

    private FlameGraphHtml() {
    }

    /** The page for {@code flamebearer}, as text to be written as UTF-8. */
    public static String render(Flamebearer flamebearer) {
        StringBuilder out = new StringBuilder(CSS.length() + SCRIPT.length() + (1 << 16));
        out.append(TEMPLATE[0]).append(CSS).append(TEMPLATE[1]);
        // The data sits in a <script type="application/json"> element: Json escapes '<', so no
        // frame name can close it early.
        Json json = new Json(out).beginObject().key("profile");
        flamebearer.write(json);
        json.key("nodeCount").value(flamebearer.nodeCount()).key("maxNodes").value(flamebearer.maxNodes());
        json.key("functions").beginArray();
        for (Map.Entry<String, long[]> row : functionRows(flamebearer)) {
            json.beginArray().value(row.getKey());
            for (long value : row.getValue()) {
                json.value(value);
            }
            json.endArray();
        }
        json.endArray().endObject();
        return out.append(TEMPLATE[2]).append(SCRIPT).append(TEMPLATE[3]).toString();
    }

    /**
     * Rows of the functions table: name to {@code [self, total]}, or {@code [leftSelf, leftTotal,
     * rightSelf, rightTotal]} for a diff; the top by self, then the top by total not yet listed.
     */
    private static List<Map.Entry<String, long[]>> functionRows(Flamebearer flamebearer) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        if (flamebearer.isDiff()) {
            addSide(byName, flamebearer.diff().leftFunctions(), 0, 4);
            addSide(byName, flamebearer.diff().rightFunctions(), 2, 4);
        } else {
            addSide(byName, flamebearer.tree().functions(), 0, 2);
        }
        List<Map.Entry<String, long[]>> all = new ArrayList<>(byName.entrySet());
        Set<Map.Entry<String, long[]>> rows = new LinkedHashSet<>(top(all, 0));
        rows.addAll(top(all, 1));
        return new ArrayList<>(rows);
    }

    private static void addSide(Map<String, long[]> byName, List<FunctionStats> functions, int at, int width) {
        for (FunctionStats f : functions) {
            long[] values = byName.computeIfAbsent(f.name(), name -> new long[width]);
            values[at] = f.self();
            values[at + 1] = f.total();
        }
    }

    /** The {@value #TABLE_FUNCTIONS} rows with the largest sum of the values at {@code first}, {@code first + 2}, ... */
    private static List<Map.Entry<String, long[]>> top(List<Map.Entry<String, long[]>> rows, int first) {
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong((Map.Entry<String, long[]> row) -> {
            long sum = 0;
            for (int i = first; i < row.getValue().length; i += 2) {
                sum += row.getValue()[i];
            }
            return sum;
        }).reversed().thenComparing(Map.Entry::getKey));
        return sorted.subList(0, Math.min(TABLE_FUNCTIONS, sorted.size()));
    }

    /** {@code text} cut at each of {@code markers}, which must occur once each and in this order. */
    private static String[] split(String text, String... markers) {
        String[] parts = new String[markers.length + 1];
        int from = 0;
        for (int i = 0; i < markers.length; i++) {
            int at = text.indexOf(markers[i], from);
            if (at < 0 || text.indexOf(markers[i], at + 1) >= 0) {
                throw new IllegalStateException("the page template must hold " + markers[i] + " once, after "
                        + (i == 0 ? "the start" : markers[i - 1]));
            }
            parts[i] = text.substring(from, at);
            from = at + markers[i].length();
        }
        parts[markers.length] = text.substring(from);
        return parts;
    }

    private static String resource(String name) {
        try (InputStream in = FlameGraphHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/flamestore/" + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/flamestore/" + name, e);
        }
    }
}
