/**
 * Flamestore: an embeddable store for continuous-profiling data. Only {@code io.flamestore} is API;
 * the {@code io.flamestore.internal} packages may change in any release.
 */
module io.flamestore {
    exports io.flamestore;
}
