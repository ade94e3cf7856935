package io.flamestore.internal.encoding;

/**
 * The unit of a run of positive values: their greatest common divisor, which profiles make large
 * (CPU time in nanoseconds comes in steps of the sampling period). Finding it and dividing by it
 * takes a division per value done naively, as much as a put saves by it; here each quotient is
 * estimated in floating point and checked with an exact multiplication, and only values that turn
 * out not to be multiples pay for true division.
 */
final class Units {
    private Units() {
    }

    /** Divides {@code values[0, count)}, all positive, by their greatest common divisor and returns it (1 for none). */
    static long scaleToUnit(long[] values, int count) {
        if (count == 0) {
            return 1;
        }
        long unit = values[0];
        double inverse = 1.0 / unit;
        for (int i = 1; i < count && unit > 1; i++) {
            if (quotient(values[i], unit, inverse) < 0) {
                unit = gcd(unit, values[i]);
                inverse = 1.0 / unit;
            }
        }
        if (unit > 1) {
            for (int i = 0; i < count; i++) {
                values[i] = quotient(values[i], unit, inverse);
            }
        }
        return unit;
    }

    /** {@code value / unit} if {@code unit} divides it, else -1. */
    private static long quotient(long value, long unit, double inverse) {
        long estimate = (long) (value * inverse + 0.5);
        if (Math.multiplyHigh(estimate, unit) == 0 && estimate * unit == value) {
            return estimate;
        }
        return value % unit == 0 ? value / unit : -1; // an estimate off by rounding, for values past 2^52
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
