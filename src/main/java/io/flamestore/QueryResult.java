package io.flamestore;

import java.util.Objects;

/**
 * The answer to {@link Storage#get}: the merged tree of every matching series over the (widened)
 * range, the timeline of totals across that range, the application's metadata and what the query
 * cost. For {@link Aggregation#AVERAGE} applications, tree and timeline are divided by the number
 * of puts they sum.
 */
public record QueryResult(Tree tree, Timeline timeline, AppMetadata metadata, QueryStats stats) {
    public QueryResult {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(stats, "stats");
    }
}
