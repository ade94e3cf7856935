package io.flamestore.internal.storage;

/** The total of a node's samples and the number of puts they sum. */
public record NodeTotals(long total, int writes) {
}
