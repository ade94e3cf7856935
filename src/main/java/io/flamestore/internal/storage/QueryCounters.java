package io.flamestore.internal.storage;

/** Work done by one query, counted as it goes; one thread per instance. */
public final class QueryCounters {
    long treesMerged;
    long bytesRead;
    long nodesBuilt;

    public long treesMerged() {
        return treesMerged;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long nodesBuilt() {
        return nodesBuilt;
    }
}
