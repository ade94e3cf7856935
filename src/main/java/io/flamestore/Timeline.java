package io.flamestore;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Totals per step over a query range, for drawing a time series above a flame graph. Point {@code i}
 * covers {@code [start + i·step, start + (i+1)·step)}. A point that received no data is told apart
 * from one whose data summed to zero ({@link #hasData}). Immutable; built with {@link #builder}.
 *
 * <p>The step is the smallest node span of the time index (10, 100, 1000, ... seconds) that keeps the
 * range within {@value #MAX_POINTS} points, and points are aligned to multiples of the step. So each
 * point is exactly one segment-tree node: a timeline costs one stored total per point and series,
 * read from the rollup blocks for long ranges, never one per slot.
 */
public final class Timeline {
    /** The most points a timeline has. */
    public static final int MAX_POINTS = 1000;
    /** Steps are these multiples of a power of ten (times the slot size): 1-2-5, as on chart axes. */
    private final long start;
    private final long step;
    private final long[] values;
    private final BitSet hasData;

    private Timeline(long start, long step, long[] values, BitSet hasData) {
        this.start = start;
        this.step = step;
        this.values = values;
        this.hasData = hasData;
    }

    /**
     * A builder for the query range {@code [from, until)}, widened to whole slots as
     * {@link SegmentTree#cover(long, long)} does.
     *
     * @throws IllegalArgumentException for times outside {@code [0, MAX_EPOCH_SECONDS]} or {@code from > until}
     */
    public static Builder builder(long fromEpochSeconds, long untilEpochSeconds) {
        SegmentTree.checkRange("from", fromEpochSeconds, "until", untilEpochSeconds);
        return new Builder(SegmentTree.floorSlot(fromEpochSeconds), SegmentTree.ceilSlot(untilEpochSeconds));
    }

    /**
     * The step a timeline over {@code [from, until)} (already widened to slots) uses: the smallest
     * node span {@code 10·10^k} seconds for which the points aligned to it number at most
     * {@value #MAX_POINTS}.
     */
    static long stepFor(long from, long until) {
        for (long step = SegmentTree.SLOT_SECONDS; ; step *= SegmentTree.FANOUT) {
            if (pointCount(from, until, step) <= MAX_POINTS) {
                return step;
            }
        }
    }

    private static long pointCount(long from, long until, long step) {
        long first = from - from % step;
        return (until - first + step - 1) / step;
    }

    /** Start of the first point, a multiple of the step at or before the widened query start. */
    public long startEpochSeconds() {
        return start;
    }

    /** Seconds per point. */
    public long stepSeconds() {
        return step;
    }

    /** Number of points; 0 for an empty query range. */
    public int size() {
        return values.length;
    }

    /** End of the last point (exclusive); at or after the widened query end. */
    public long endEpochSeconds() {
        return start + values.length * step;
    }

    /** Sum of the values added to point {@code i}; 0 if it has no data. */
    public long value(int i) {
        checkIndex(i);
        return values[i];
    }

    /** A copy of all point values. */
    public long[] values() {
        return values.clone();
    }

    /** Whether anything (even a zero) was added to point {@code i}. */
    public boolean hasData(int i) {
        checkIndex(i);
        return hasData.get(i);
    }

    /** The point covering {@code epochSecond}. */
    public int indexOf(long epochSecond) {
        if (epochSecond < start || epochSecond >= endEpochSeconds()) {
            throw new IllegalArgumentException("epoch second " + epochSecond + " is outside the timeline ["
                    + start + ", " + endEpochSeconds() + ")");
        }
        return (int) ((epochSecond - start) / step);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= values.length) {
            throw new IndexOutOfBoundsException("point " + i + " of " + values.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeline t && t.start == start && t.step == step && Arrays.equals(t.values, values)
                && t.hasData.equals(hasData);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(start) * 31 + Long.hashCode(step)) * 31 + Arrays.hashCode(values) * 17
                + hasData.hashCode();
    }

    /** For example {@code Timeline[start=0, step=10, values=[5, -, 0]]}, {@code -} marking no data. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Timeline[start=").append(start).append(", step=").append(step)
                .append(", values=[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(hasData.get(i) ? Long.toString(values[i]) : "-");
        }
        return out.append("]]").toString();
    }

    /** Collects values per slot or node; not thread-safe. */
    public static final class Builder {
        private final long from;
        private final long until;
        private final long start;
        private final long step;
        private final long[] values;
        private final BitSet hasData = new BitSet();

        private Builder(long from, long until) {
            this.from = from;
            this.until = until;
            this.step = stepFor(from, until);
            this.start = from - from % step;
            this.values = new long[(int) pointCount(from, until, step)];
        }

        /** The widened query range's start. */
        public long fromEpochSeconds() {
            return from;
        }

        /** The widened query range's end. */
        public long untilEpochSeconds() {
            return until;
        }

        /** The step the timeline will use. */
        public long stepSeconds() {
            return step;
        }

        /**
         * The highest time-index level whose nodes fit in one step; pass it to
         * {@link SegmentTree#cover(long, long, int)} to get nodes that {@link #addNode} accepts.
         */
        public int maxLevel() {
            int level = 0;
            while (level < SegmentTree.MAX_LEVEL && SegmentTree.spanSeconds(level + 1) <= step) {
                level++;
            }
            return level;
        }

        /** Adds {@code value} to the point holding the slot starting at {@code slotStartEpochSeconds}. */
        public Builder add(long slotStartEpochSeconds, long value) {
            if (slotStartEpochSeconds % SegmentTree.SLOT_SECONDS != 0) {
                throw new IllegalArgumentException("slot start " + slotStartEpochSeconds + " is not a multiple of "
                        + SegmentTree.SLOT_SECONDS);
            }
            return accumulate(slotStartEpochSeconds, slotStartEpochSeconds + SegmentTree.SLOT_SECONDS, value);
        }

        /** Adds {@code value} to the point holding {@code node}, which may be no larger than a step. */
        public Builder addNode(SegmentTree.Node node, long value) {
            if (node.spanSeconds() > step) {
                throw new IllegalArgumentException(node + " spans " + node.spanSeconds()
                        + " s, more than the step of " + step + " s");
            }
            return accumulate(node.startEpochSeconds(), node.endEpochSeconds(), value);
        }

        private Builder accumulate(long nodeStart, long nodeEnd, long value) {
            if (nodeStart < from || nodeEnd > until) {
                throw new IllegalArgumentException("[" + nodeStart + ", " + nodeEnd + ") is outside the query range ["
                        + from + ", " + until + ")");
            }
            if (value < 0) {
                throw new IllegalArgumentException("negative value " + value + " at " + nodeStart);
            }
            int i = (int) ((nodeStart - start) / step);
            if (value > Long.MAX_VALUE - values[i]) {
                throw new IllegalArgumentException("adding " + value + " at " + nodeStart
                        + " would overflow the 64-bit total " + values[i]);
            }
            values[i] += value;
            hasData.set(i);
            return this;
        }

        /** The timeline of what was added so far; the builder stays usable. */
        public Timeline build() {
            return new Timeline(start, step, values.clone(), (BitSet) hasData.clone());
        }
    }
}
