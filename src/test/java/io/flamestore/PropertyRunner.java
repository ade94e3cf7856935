package io.flamestore;

import java.util.SplittableRandom;

/**
 * Runs a property over many generated cases. The seed comes from the system property
 * {@code flamestore.seed} when set, otherwise it is drawn at random; it is printed either way, and a
 * failure names the seed and the case so that it can be replayed.
 */
final class PropertyRunner {
    static final String SEED_PROPERTY = "flamestore.seed";

    /** One case of a property, drawing its inputs from {@code random}. */
    @FunctionalInterface
    interface Property {
        void check(SplittableRandom random) throws Exception;
    }

    private PropertyRunner() {
    }

    static long seed(String name) {
        String configured = System.getProperty(SEED_PROPERTY);
        long seed = configured == null || configured.isBlank()
                ? new SplittableRandom().nextLong()
                : Long.parseLong(configured.trim());
        System.out.println(name + ": seed=" + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + ")");
        return seed;
    }

    static void forAll(String name, int cases, Property property) {
        long seed = seed(name);
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < cases; i++) {
            SplittableRandom random = master.split();
            try {
                property.check(random);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(name + " failed at case " + i + " of " + cases + " with seed=" + seed
                        + " (rerun with -D" + SEED_PROPERTY + "=" + seed + "): " + e, e);
            }
        }
    }
}
