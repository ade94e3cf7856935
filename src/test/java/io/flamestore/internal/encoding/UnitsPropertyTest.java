package io.flamestore.internal.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code Units.scaleToUnit} finds the greatest common divisor and divides by it exactly, for values
 * up to {@code Long.MAX_VALUE}, where its floating-point estimates go wrong. The model is
 * {@code BigInteger.gcd}. Prints its seed; rerun with {@code -Dflamestore.seed=N}.
 */
class UnitsPropertyTest {
    private static final int CASES = 20_000;

    @Test
    void dividesByTheGreatestCommonDivisor() {
        String configured = System.getProperty("flamestore.seed");
        long seed = configured == null || configured.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(configured.trim());
        System.out.println("units: seed=" + seed + " (rerun with -Dflamestore.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < CASES; c++) {
            int count = random.nextInt(8);
            long unit = switch (random.nextInt(4)) {
                case 0 -> 1 + random.nextInt(20);
                case 1 -> 10_000_000;
                case 2 -> 1 + random.nextLong(1L << 40);
                default -> 1 + random.nextLong(Long.MAX_VALUE / 2);
            };
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                long most = Long.MAX_VALUE / unit;
                values[i] = unit * (1 + random.nextLong(random.nextBoolean() ? Math.min(most, 1000) : most));
            }
            long[] original = values.clone();
            BigInteger gcd = BigInteger.ZERO;
            for (long v : values) {
                gcd = gcd.gcd(BigInteger.valueOf(v));
            }
            long expected = count == 0 ? 1 : gcd.longValueExact();
            String where = "seed " + seed + ", case " + c;
            assertEquals(expected, Units.scaleToUnit(values, count), where);
            long[] quotients = new long[count];
            for (int i = 0; i < count; i++) {
                quotients[i] = original[i] / expected;
            }
            assertArrayEquals(quotients, values, where);
        }
    }
}
