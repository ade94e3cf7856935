package io.flamestore;

import java.util.ArrayList;
import java.util.List;

/**
 * The time index: a fixed hierarchy of aligned time intervals over which profiles are aggregated.
 *
 * <p>Level 0 consists of {@value #SLOT_SECONDS}-second <em>slots</em> aligned to the Unix epoch; a node
 * of level {@code L} covers {@code 10·10^L} seconds, also aligned to the epoch, and has
 * {@value #FANOUT} children of level {@code L-1}. Levels run from 0 to {@value #MAX_LEVEL}, whose
 * nodes span 10^9 seconds (about 31.7 years). Supported times are {@code [0, MAX_EPOCH_SECONDS]};
 * every node lies inside {@code [0, MAX_EPOCH_SECONDS)}, so a range may end at
 * {@link #MAX_EPOCH_SECONDS} but no slot starts there.
 *
 * <p>Alignment to the epoch (rather than to the first write, or to some other calendar) is what
 * makes a node's identity a pure function of time: any two stores, or the same store before and after
 * a restart, agree on which node covers which seconds. Pure logic, no I/O; all methods are static.
 */
public final class SegmentTree {
    /** Seconds covered by one level-0 node (a slot). */
    public static final int SLOT_SECONDS = 10;
    /** Children per node. */
    public static final int FANOUT = 10;
    /** The highest level; its nodes span 10^9 seconds. */
    public static final int MAX_LEVEL = 8;
    /** Exclusive upper bound of every node; the largest time a range may end at. */
    public static final long MAX_EPOCH_SECONDS = 10_000_000_000L;

    /** {@code SPAN[L]} = seconds covered by a node of level L. */
    private static final long[] SPAN = new long[MAX_LEVEL + 1];

    static {
        SPAN[0] = SLOT_SECONDS;
        for (int level = 1; level <= MAX_LEVEL; level++) {
            SPAN[level] = SPAN[level - 1] * FANOUT;
        }
    }

    private SegmentTree() {
    }

    /**
     * One aligned interval: the {@code index}-th node of its level, covering
     * {@code [index·span, (index+1)·span)} epoch seconds. Node {@code (0, 0)} is the slot starting at
     * the epoch.
     *
     * @param level 0 to {@link #MAX_LEVEL}
     * @param index non-negative, and small enough that the node ends by {@link #MAX_EPOCH_SECONDS}
     */
    public record Node(int level, long index) {
        /** Rejects levels outside {@code 0..MAX_LEVEL} and nodes reaching past the supported range. */
        public Node {
            if (level < 0 || level > MAX_LEVEL) {
                throw new IllegalArgumentException("level must be in 0.." + MAX_LEVEL + ", got " + level);
            }
            long limit = MAX_EPOCH_SECONDS / SPAN[level];
            if (index < 0 || index >= limit) {
                throw new IllegalArgumentException("index of a level-" + level + " node must be in 0.."
                        + (limit - 1) + ", got " + index);
            }
        }

        /** First epoch second covered. */
        public long startEpochSeconds() {
            return index * SPAN[level];
        }

        /** First epoch second after the node (exclusive end). */
        public long endEpochSeconds() {
            return startEpochSeconds() + SPAN[level];
        }

        /** Seconds covered: {@code 10·10^level}. */
        public long spanSeconds() {
            return SPAN[level];
        }

        /** The node one level up that contains this one. */
        public Node parent() {
            if (level == MAX_LEVEL) {
                throw new IllegalArgumentException(this + " is at the top level " + MAX_LEVEL + " and has no parent");
            }
            return new Node(level + 1, index / FANOUT);
        }

        /** The {@code i}-th child in time order ({@code 0..FANOUT-1}). */
        public Node child(int i) {
            if (level == 0) {
                throw new IllegalArgumentException(this + " is a slot and has no children");
            }
            if (i < 0 || i >= FANOUT) {
                throw new IllegalArgumentException("child index must be in 0.." + (FANOUT - 1) + ", got " + i);
            }
            return new Node(level - 1, index * FANOUT + i);
        }

        /** Whether every second of {@code other} lies in this node (true for the node itself). */
        public boolean contains(Node other) {
            return other.level <= level && other.startEpochSeconds() >= startEpochSeconds()
                    && other.endEpochSeconds() <= endEpochSeconds();
        }

        /** For example {@code L3#1234[12340000..12350000)}: level, index and epoch seconds covered. */
        @Override
        public String toString() {
            return "L" + level + "#" + index + "[" + startEpochSeconds() + ".." + endEpochSeconds() + ")";
        }
    }

    /**
     * How much of a profile falls into one slot.
     *
     * @param slot    a level-0 node
     * @param seconds the overlap in seconds; 1 for an instantaneous profile
     */
    public record Share(Node slot, long seconds) {
    }

    /** Seconds covered by a node of {@code level}. */
    public static long spanSeconds(int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be in 0.." + MAX_LEVEL + ", got " + level);
        }
        return SPAN[level];
    }

    /** The slot holding {@code epochSecond}, which must be in {@code [0, MAX_EPOCH_SECONDS)}. */
    public static Node slotAt(long epochSecond) {
        checkInstant(epochSecond);
        return new Node(0, epochSecond / SLOT_SECONDS);
    }

    /**
     * The node at every level holding {@code epochSecond}, level 0 first: what a write at that second
     * touches, bottom up. Always {@code MAX_LEVEL + 1} nodes, each the parent of the one before.
     */
    public static List<Node> path(long epochSecond) {
        checkInstant(epochSecond);
        List<Node> path = new ArrayList<>(MAX_LEVEL + 1);
        for (int level = 0; level <= MAX_LEVEL; level++) {
            path.add(new Node(level, epochSecond / SPAN[level]));
        }
        return List.copyOf(path);
    }

    /**
     * The query range {@code [from, until)} widened to whole slots (from rounded down, until rounded
     * up) and split into the fewest aligned nodes, in time order: walking from the start, each node is
     * the largest one that starts there and ends by the widened end. That gives at most
     * {@code 2·(FANOUT-1)} nodes per level (a rising run, then a falling one), so a one-year query
     * reads about a hundred nodes. An empty range gives an empty list.
     *
     * @throws IllegalArgumentException if a time is negative or above {@link #MAX_EPOCH_SECONDS}, or
     *                                  {@code from > until}
     */
    public static List<Node> cover(long fromEpochSeconds, long untilEpochSeconds) {
        return cover(fromEpochSeconds, untilEpochSeconds, MAX_LEVEL);
    }

    /**
     * Like {@link #cover(long, long)}, but with no node above {@code maxLevel}: for readers that need
     * every node to fit some granularity (a {@link Timeline} step). Below {@code maxLevel} the bound
     * of {@code 2·(FANOUT-1)} nodes per level still holds; at {@code maxLevel} there is one node per
     * {@code spanSeconds(maxLevel)} of range.
     */
    public static List<Node> cover(long fromEpochSeconds, long untilEpochSeconds, int maxLevel) {
        checkRange("from", fromEpochSeconds, "until", untilEpochSeconds);
        spanSeconds(maxLevel); // validates maxLevel
        long position = floorSlot(fromEpochSeconds);
        long end = ceilSlot(untilEpochSeconds);
        List<Node> nodes = new ArrayList<>();
        while (position < end) {
            int level = 0;
            // Climb while the next level's node starts here too and still fits.
            while (level < maxLevel && position % SPAN[level + 1] == 0 && position + SPAN[level + 1] <= end) {
                level++;
            }
            nodes.add(new Node(level, position / SPAN[level]));
            position += SPAN[level];
        }
        return nodes;
    }

    /**
     * The slots that a profile covering {@code [start, end)} overlaps, in time order, each with the
     * seconds of overlap (which add up to {@code end - start}). A profile with {@code start == end} is
     * an instant: it gets its whole slot, with weight 1, and must start before
     * {@link #MAX_EPOCH_SECONDS}. The list has one entry per slot touched, so callers should bound
     * the duration of the profiles they accept.
     *
     * @throws IllegalArgumentException if a time is negative or above {@link #MAX_EPOCH_SECONDS}, or
     *                                  {@code start > end}
     */
    public static List<Share> overlaps(long startEpochSeconds, long endEpochSeconds) {
        checkRange("start", startEpochSeconds, "end", endEpochSeconds);
        if (startEpochSeconds == endEpochSeconds) {
            return List.of(new Share(slotAt(startEpochSeconds), 1));
        }
        List<Share> shares = new ArrayList<>();
        for (long slot = floorSlot(startEpochSeconds); slot < endEpochSeconds; slot += SLOT_SECONDS) {
            long overlap = Math.min(endEpochSeconds, slot + SLOT_SECONDS) - Math.max(startEpochSeconds, slot);
            shares.add(new Share(new Node(0, slot / SLOT_SECONDS), overlap));
        }
        return shares;
    }

    /** {@code epochSecond} rounded down to a slot boundary. */
    static long floorSlot(long epochSecond) {
        return epochSecond - epochSecond % SLOT_SECONDS;
    }

    /** {@code epochSecond} rounded up to a slot boundary (MAX_EPOCH_SECONDS is one, so no overflow). */
    static long ceilSlot(long epochSecond) {
        return floorSlot(epochSecond + SLOT_SECONDS - 1);
    }

    /** Validates {@code [from, until)} as a range of supported times; names both values on failure. */
    static void checkRange(String fromName, long from, String untilName, long until) {
        if (from < 0 || until < 0 || from > MAX_EPOCH_SECONDS || until > MAX_EPOCH_SECONDS) {
            throw new IllegalArgumentException(fromName + " (" + from + ") and " + untilName + " (" + until
                    + ") must be epoch seconds in [0, " + MAX_EPOCH_SECONDS + "]");
        }
        if (from > until) {
            throw new IllegalArgumentException(fromName + " (" + from + ") is after " + untilName + " (" + until + ")");
        }
    }

    private static void checkInstant(long epochSecond) {
        if (epochSecond < 0 || epochSecond >= MAX_EPOCH_SECONDS) {
            throw new IllegalArgumentException("epoch second " + epochSecond + " is outside [0, "
                    + MAX_EPOCH_SECONDS + ")");
        }
    }
}
