package io.flamestore.internal.tree;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a value into parts in proportion to weights (the seconds a profile overlaps each slot),
 * without losing or inventing a unit, by largest remainder: part {@code i} first gets
 * {@code floor(v·w_i/W)}, and the few units left over go one each to the parts with the largest
 * fractional remainders {@code (v·w_i) mod W}, ties to the earlier part. The result is a pure function
 * of the value and the weights; a part whose weight is 0 has a zero remainder and so gets nothing.
 * A profile spanning several slots is split stack by stack this way, so every stack's parts add up
 * to its value exactly.
 */
public final class Apportion {
    private Apportion() {
    }

    /**
     * Sets {@code quotient[i]} to part i's share of {@code v}. Uses {@code remainder} and
     * {@code scratch} as work space.
     */
    public static void apportion(long v, long[] weights, long sum, long[] quotient, long[] remainder, long[] scratch) {
        // v = a·W + b, so v·w/W = a·w + b·w/W: a·w <= v never overflows, and b·w < W·w is small
        // unless the weights are huge, in which case the 128-bit product is divided exactly.
        long a = v / sum;
        long b = v % sum;
        long left = v;
        for (int i = 0; i < weights.length; i++) {
            long w = weights[i];
            long low = b * w;
            long extra;
            if (Math.multiplyHigh(b, w) == 0 && low >= 0) {
                extra = low / sum;
                remainder[i] = low % sum;
            } else {
                BigInteger[] qr = BigInteger.valueOf(b).multiply(BigInteger.valueOf(w))
                        .divideAndRemainder(BigInteger.valueOf(sum));
                extra = qr[0].longValueExact(); // < w
                remainder[i] = qr[1].longValueExact(); // < sum
            }
            quotient[i] = a * w + extra;
            left -= quotient[i];
        }
        if (left == 0) {
            return;
        }
        // Hand the `left` units (fewer than the number of parts) to the largest remainders. The
        // `left`-th largest remainder is the threshold: every part above it gets a unit, and parts
        // equal to it get the rest in index order. The remainders sum to left·W with each below W,
        // so more than `left` of them are positive and zero-weight parts never qualify.
        int parts = weights.length;
        System.arraycopy(remainder, 0, scratch, 0, parts);
        Arrays.sort(scratch, 0, parts);
        long threshold = scratch[parts - (int) left];
        for (int i = 0; i < parts; i++) {
            if (remainder[i] > threshold) {
                quotient[i]++;
                left--;
            }
        }
        for (int i = 0; i < parts && left > 0; i++) {
            if (remainder[i] == threshold) {
                quotient[i]++;
                left--;
            }
        }
    }

    /** The sum of the weights, checked: non-negative, at least one positive, a sum that fits a long. */
    public static long checkWeights(long[] weights) {
        Objects.requireNonNull(weights, "weights");
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weight " + i + " is negative: " + weights[i]);
            }
            try {
                sum = Math.addExact(sum, weights[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("weights add up to more than " + Long.MAX_VALUE
                        + ": " + Arrays.toString(weights), e);
            }
        }
        if (sum == 0) {
            throw new IllegalArgumentException("at least one weight must be positive, got " + Arrays.toString(weights));
        }
        return sum;
    }
}
