package io.flamestore;

import java.util.SplittableRandom;

/**
 * Seeded randomness for property tests. The seed comes from {@code -Dflamestore.seed=N}
 * when given, otherwise from a fresh random source; it is printed, and a failing case reports it, so
 * that any failure can be replayed exactly.
 */
final class Seeds {
    static final String PROPERTY = "flamestore.seed";

    /** One generated case of a property. */
    @FunctionalInterface
    interface Case {
        void check(SplittableRandom random);
    }

    private Seeds() {
    }

    /** A seed for a test that draws its own cases: {@code -Dflamestore.seed=N} or a fresh one, printed. */
    static long seed(String test) {
        String configured = System.getProperty(PROPERTY, "").trim();
        long seed = configured.isEmpty() ? new SplittableRandom().nextLong() : Long.parseLong(configured);
        System.out.println(test + ": seed=" + seed + " (rerun with -D" + PROPERTY + "=" + seed + ")");
        return seed;
    }

    /** Runs {@code property} on {@code cases} independent random streams derived from one seed. */
    static void forAll(String name, int cases, Case property) {
        long seed = seed(name);
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < cases; i++) {
            SplittableRandom random = master.split();
            try {
                property.check(random);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(name + ": case " + i + " failed with -D" + PROPERTY + "=" + seed + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
