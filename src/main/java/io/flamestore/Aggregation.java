package io.flamestore;

/** How the samples of several puts into one time range combine when read. */
public enum Aggregation {
    /** Add them up: CPU time, allocations, lock waits. */
    SUM,
    /** Add them up, then divide by the number of puts: gauges such as in-use memory. */
    AVERAGE
}
