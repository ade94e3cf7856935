package io.flamestore;

import io.flamestore.internal.json.Json;
import java.util.Objects;

/**
 * A tree, or the diff of two, in Pyroscope's "flamebearer" JSON (version 1), the format its UI and
 * Grafana's Pyroscope data source read:
 *
 * <pre>{@code
 * {"version":1,
 *  "flamebearer":{"names":["total","main",...],"levels":[[0,100,0,0],[0,100,20,1],...],
 *                 "numTicks":100,"maxSelf":40},
 *  "metadata":{"format":"single","spyName":"javaspy","sampleRate":100,"units":"samples","name":"app.cpu"},
 *  "timeline":{"startTime":1700000000,"samples":[0,43,101],"durationDelta":10}}
 * }</pre>
 *
 * <p>Level 0 holds the root, named {@code total}; level {@code d} the frames at depth {@code d}. A
 * "single" level holds four numbers per node: {@code offset, total, self, name index}, where the
 * node's x position is the previous node's x + total in the same level plus {@code offset} (0 for
 * the first). A "double" (diff) level holds seven: {@code offset, total, self} of the left tree,
 * the same of the right tree, then the name index; each side is laid out on its own, a node absent
 * on one side has total 0 there, {@code numTicks} is the sum of both totals and {@code leftTicks}
 * and {@code rightTicks} are written next to {@code flamebearer}.
 *
 * <p>Timeline samples follow Pyroscope's convention: 0 means <em>no data</em> and any other number is
 * the value plus one ({@link Timeline#hasData} tells the two apart). Values are written exactly as
 * 64-bit integers; JavaScript reads those above 2^53 approximately.
 *
 * <p>Trees are truncated for display to {@link #maxNodes} nodes (default {@value #DEFAULT_MAX_NODES},
 * what Pyroscope's UI asks for) with {@link Tree#truncate} or {@link TreeDiff#truncate}. Immutable.
 */
public final class Flamebearer {
    /**
     * What Pyroscope's UI asks for: enough for a full-width view (no dropped node is larger than a
     * kept one), about 30 KB of JSON even for the largest test profile's 425,051 nodes.
     */
    public static final int DEFAULT_MAX_NODES = 1024;

    private final Tree tree;
    private final TreeDiff diff;
    private final String name;
    private final AppMetadata metadata;
    private final Timeline timeline;
    private final int maxNodes;

    private Flamebearer(Tree tree, TreeDiff diff, String name, AppMetadata metadata, Timeline timeline, int maxNodes) {
        this.tree = tree;
        this.diff = diff;
        this.name = name;
        this.metadata = metadata;
        this.timeline = timeline;
        this.maxNodes = maxNodes;
    }

    /** A "single" flamebearer of {@code tree}, with default metadata, no name and no timeline. */
    public static Flamebearer of(Tree tree) {
        return new Flamebearer(Objects.requireNonNull(tree, "tree"), null, "", AppMetadata.DEFAULT, null,
                DEFAULT_MAX_NODES);
    }

    /** A "double" flamebearer of {@code diff}: left is the baseline, right the comparison. */
    public static Flamebearer of(TreeDiff diff) {
        return new Flamebearer(null, Objects.requireNonNull(diff, "diff"), "", AppMetadata.DEFAULT, null,
                DEFAULT_MAX_NODES);
    }

    /** The tree, metadata and timeline of a query's answer. */
    public static Flamebearer of(QueryResult result) {
        return of(result.tree()).withMetadata(result.metadata()).withTimeline(result.timeline());
    }

    /** Names the profile ({@code metadata.name}), e.g. the application or query. */
    public Flamebearer withName(String name) {
        return new Flamebearer(tree, diff, Objects.requireNonNull(name, "name"), metadata, timeline, maxNodes);
    }

    public Flamebearer withMetadata(AppMetadata metadata) {
        return new Flamebearer(tree, diff, name, Objects.requireNonNull(metadata, "metadata"), timeline, maxNodes);
    }

    /** The timeline to write, or null for none ({@code "timeline":null}). */
    public Flamebearer withTimeline(Timeline timeline) {
        return new Flamebearer(tree, diff, name, metadata, timeline, maxNodes);
    }

    /** At most {@code maxNodes} nodes (plus {@value Tree#OTHER} nodes); {@link Integer#MAX_VALUE} keeps all. */
    public Flamebearer withMaxNodes(int maxNodes) {
        if (maxNodes < 0) {
            throw new IllegalArgumentException("maxNodes must be >= 0, got " + maxNodes);
        }
        return new Flamebearer(tree, diff, name, metadata, timeline, maxNodes);
    }

    public boolean isDiff() {
        return diff != null;
    }

    public String name() {
        return name;
    }

    public AppMetadata metadata() {
        return metadata;
    }

    /** The timeline, or null. */
    public Timeline timeline() {
        return timeline;
    }

    public int maxNodes() {
        return maxNodes;
    }

    public String toJson() {
        StringBuilder out = new StringBuilder();
        write(new Json(out));
        return out.toString();
    }

    // --- package-private: FlameGraphHtml embeds the same object and the untruncated sources' statistics ---

    Tree tree() {
        return tree;
    }

    TreeDiff diff() {
        return diff;
    }

    /** Nodes before truncation. */
    int nodeCount() {
        return diff != null ? diff.nodeCount() : tree.nodeCount();
    }

    void write(Json json) {
        FlamebearerLevels levels;
        long numTicks;
        if (diff != null) {
            levels = FlamebearerLevels.of(diff.nodeCount() > maxNodes ? diff.truncate(maxNodes) : diff);
            numTicks = diff.leftTotal() + diff.rightTotal();
        } else {
            levels = FlamebearerLevels.of(tree.nodeCount() > maxNodes ? tree.truncate(maxNodes) : tree);
            numTicks = tree.total();
        }
        json.beginObject().key("version").value(1);
        json.key("flamebearer").beginObject().key("names");
        levels.writeNames(json);
        json.key("levels");
        levels.writeLevels(json);
        json.key("numTicks").value(numTicks).key("maxSelf").value(levels.maxSelf()).endObject();
        json.key("metadata").beginObject()
                .key("format").value(diff != null ? "double" : "single")
                .key("spyName").value(metadata.spyName())
                .key("sampleRate").value(metadata.sampleRate())
                .key("units").value(metadata.units())
                .key("name").value(name)
                .endObject();
        json.key("timeline");
        writeTimeline(json, timeline);
        if (diff != null) {
            json.key("leftTicks").value(diff.leftTotal()).key("rightTicks").value(diff.rightTotal());
        }
        json.endObject();
    }

    private static void writeTimeline(Json json, Timeline timeline) {
        if (timeline == null) {
            json.nullValue();
            return;
        }
        json.beginObject().key("startTime").value(timeline.startEpochSeconds()).key("samples").beginArray();
        for (int i = 0; i < timeline.size(); i++) {
            json.unsignedValue(timeline.hasData(i) ? timeline.value(i) + 1 : 0);
        }
        json.endArray().key("durationDelta").value(timeline.stepSeconds()).endObject();
    }
}
