package io.flamestore;

import java.util.SplittableRandom;

/**
 * Seeds for property tests: a fresh one each run, printed so that a failure can be replayed with
 * {@code mvn -B verify -Dflamestore.seed=N}.
 */
final class Seeds {
    private Seeds() {
    }

    static long seed(String test) {
        Long fixed = Long.getLong("flamestore.seed");
        long seed = fixed != null ? fixed : new SplittableRandom().nextLong();
        System.out.println(test + ": seed " + seed + " (replay with -Dflamestore.seed=" + seed + ")");
        return seed;
    }
}
