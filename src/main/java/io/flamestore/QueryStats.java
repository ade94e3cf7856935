package io.flamestore;

/**
 * The work a query did: how many series its selector matched, how many stored trees it decoded and
 * merged, how many encoded bytes it read, and how many aggregate nodes it had to (re)build because
 * they were missing or made stale by late writes.
 */
public record QueryStats(int seriesMatched, long treesMerged, long bytesRead, long nodesBuilt) {
}
