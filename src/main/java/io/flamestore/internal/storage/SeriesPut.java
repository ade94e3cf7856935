package io.flamestore.internal.storage;

import io.flamestore.Tree;

/**
 * One series' share of a put: its tree, split between the put's slots in proportion to
 * {@code weights} (the seconds it overlaps each), or stored whole in each slot when {@code weights}
 * is null (a gauge, which held its value the whole time).
 */
public record SeriesPut(int series, Tree tree, long[] weights) {
}
