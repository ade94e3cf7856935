package io.flamestore;

import static io.flamestore.SegmentTree.MAX_EPOCH_SECONDS;
import static io.flamestore.SegmentTree.MAX_LEVEL;
import static io.flamestore.SegmentTree.SLOT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.SegmentTree.Node;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SegmentTree#cover} against two naive models: a bit set of slots and a top-down descent. */
class SegmentTreeCoverTest {
    /** Ranges of at most this many slots are also checked slot by slot in a bit set. */
    private static final long BITSET_SLOTS = 1L << 23;

    @Test
    void randomRangesAreCoveredByTheGreedyMinimalDecomposition() {
        PropertyRunner.forAll("cover", 20_000, random -> {
            long[] range = TimeGen.range(random);
            checkCover(range[0], range[1], MAX_LEVEL);
        });
    }

    @Test
    void randomRangesWithALevelCapStayUnderIt() {
        PropertyRunner.forAll("cover with maxLevel", 5_000, random -> {
            long[] range = TimeGen.range(random);
            int maxLevel = random.nextInt(MAX_LEVEL + 1);
            // A low cap over a long range means millions of nodes; keep the case cheap.
            long until = Math.min(range[1], range[0] + SegmentTree.spanSeconds(maxLevel) * 500);
            checkCover(range[0], until, maxLevel);
        });
    }

    @Test
    void everyCalendarYearNeedsFewerThan200Nodes() {
        for (int year = 1970; year < 2286; year++) {
            long from = LocalDate.of(year, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            long until = LocalDate.of(year + 1, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            List<Node> nodes = SegmentTree.cover(from, until);
            assertTrue(nodes.size() < 200, year + " takes " + nodes.size() + " nodes");
            checkCover(from, until, MAX_LEVEL);
        }
    }

    @Test
    void exactBoundaries() {
        assertEquals(List.of(), SegmentTree.cover(0, 0));
        assertEquals(List.of(), SegmentTree.cover(MAX_EPOCH_SECONDS, MAX_EPOCH_SECONDS));
        assertEquals(List.of(), SegmentTree.cover(1230, 1230));
        // Widening happens first: [5, 5) becomes the whole slot [0, 10).
        assertEquals(List.of(new Node(0, 0)), SegmentTree.cover(5, 5));
        assertEquals(List.of(new Node(0, 0)), SegmentTree.cover(0, 1));
        assertEquals(List.of(new Node(0, 0), new Node(0, 1)), SegmentTree.cover(9, 11));
        assertEquals(List.of(new Node(1, 0)), SegmentTree.cover(0, 100));
        assertEquals(List.of(new Node(1, 0)), SegmentTree.cover(3, 91));
        List<Node> all = SegmentTree.cover(0, MAX_EPOCH_SECONDS);
        assertEquals(10, all.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(new Node(MAX_LEVEL, i), all.get(i));
        }
        // From one slot after 0 to one slot before 20 000: 9 nodes of each of levels 0-2 rising to the
        // level-3 boundary at 10 000, then 9 of each falling, the worst case per level.
        List<Node> ragged = SegmentTree.cover(10, 19_990);
        assertEquals(2 * 9 * 3, ragged.size(), ragged.toString());
        assertEquals(new Node(0, 1), ragged.get(0));
        assertEquals(new Node(2, 9), ragged.get(26));
        assertEquals(new Node(2, 10), ragged.get(27));
        assertEquals(new Node(0, 1998), ragged.get(ragged.size() - 1));
    }

    /** All the properties of one cover, including equality with both models where they are cheap. */
    static void checkCover(long from, long until, int maxLevel) {
        List<Node> nodes = SegmentTree.cover(from, until, maxLevel);
        long start = from / SLOT_SECONDS * SLOT_SECONDS;
        long end = (until + SLOT_SECONDS - 1) / SLOT_SECONDS * SLOT_SECONDS;
        String what = "cover(" + from + ", " + until + ", " + maxLevel + ") = " + shorten(nodes);
        // In order and tiling exactly: each node starts where the previous ended.
        long position = start;
        int[] perLevel = new int[MAX_LEVEL + 1];
        for (Node node : nodes) {
            assertEquals(position, node.startEpochSeconds(), what);
            assertEquals(0, node.startEpochSeconds() % node.spanSeconds(), what);
            assertTrue(node.level() <= maxLevel, what);
            // Greedy: the next larger node starting here would not have fitted (or is above the cap).
            boolean couldGrow = node.level() < maxLevel && node.startEpochSeconds() % (node.spanSeconds() * 10) == 0
                    && node.startEpochSeconds() + node.spanSeconds() * 10 <= end;
            assertFalse(couldGrow, () -> what + ": " + node + " is not maximal");
            perLevel[node.level()]++;
            position = node.endEpochSeconds();
        }
        assertEquals(end, position, what);
        for (int level = 0; level < maxLevel; level++) {
            int count = perLevel[level];
            int at = level;
            assertTrue(count <= 18, () -> what + ": " + count + " nodes at level " + at);
        }
        assertEquals(topDown(start, end, maxLevel), nodes, what);
        if ((end - start) / SLOT_SECONDS <= BITSET_SLOTS) {
            assertEquals(slotsOf(start, end, start), slotsOf(nodes, start, slotIndex(end, start)), what);
        }
    }

    /** Model: descend from the top, keeping nodes wholly inside the range whose parent is not. */
    private static List<Node> topDown(long start, long end, int maxLevel) {
        List<Node> out = new ArrayList<>();
        for (long i = 0; i < MAX_EPOCH_SECONDS / SegmentTree.spanSeconds(maxLevel); ) {
            Node node = new Node(maxLevel, i);
            if (node.startEpochSeconds() >= end) {
                break;
            }
            if (node.endEpochSeconds() <= start) {
                // Skip straight to the first node that can overlap, so low caps stay cheap.
                i = Math.max(i + 1, start / node.spanSeconds());
                continue;
            }
            descend(node, start, end, out);
            i++;
        }
        return out;
    }

    private static void descend(Node node, long start, long end, List<Node> out) {
        if (node.endEpochSeconds() <= start || node.startEpochSeconds() >= end) {
            return;
        }
        if (node.startEpochSeconds() >= start && node.endEpochSeconds() <= end) {
            out.add(node);
            return;
        }
        for (int c = 0; c < SegmentTree.FANOUT; c++) {
            descend(node.child(c), start, end, out);
        }
    }

    /** Model: one bit per slot of {@code [start, end)}, relative to {@code origin}. */
    private static BitSet slotsOf(long start, long end, long origin) {
        BitSet bits = new BitSet(slotIndex(end, origin));
        bits.set(slotIndex(start, origin), slotIndex(end, origin));
        return bits;
    }

    /** The slots of the nodes, failing if any two nodes share a slot. */
    private static BitSet slotsOf(List<Node> nodes, long origin, int size) {
        BitSet bits = new BitSet(size);
        for (Node node : nodes) {
            int first = slotIndex(node.startEpochSeconds(), origin);
            int end = slotIndex(node.endEpochSeconds(), origin);
            int taken = bits.nextSetBit(first);
            assertFalse(taken >= 0 && taken < end, () -> node + " overlaps an earlier node");
            bits.set(first, end);
        }
        return bits;
    }

    private static int slotIndex(long epochSecond, long origin) {
        return Math.toIntExact((epochSecond - origin) / SLOT_SECONDS);
    }

    private static String shorten(List<Node> nodes) {
        return nodes.size() <= 8 ? nodes.toString() : nodes.size() + " nodes from " + nodes.get(0) + " to "
                + nodes.get(nodes.size() - 1);
    }

    /** Random times and ranges, biased towards the boundaries where off-by-one errors live. */
    static final class TimeGen {
        private TimeGen() {
        }

        /** A valid {@code [from, until]}: any length from zero to the whole supported range. */
        static long[] range(SplittableRandom random) {
            long length = switch (random.nextInt(5)) {
                case 0 -> random.nextLong(100);
                case 1 -> random.nextLong(100_000);
                case 2 -> random.nextLong(400L * 86_400); // about a year
                case 3 -> random.nextLong(40L * 365 * 86_400); // decades
                default -> random.nextLong(MAX_EPOCH_SECONDS + 1);
            };
            long from = near(random, random.nextLong(MAX_EPOCH_SECONDS - length + 1));
            long until = random.nextInt(4) == 0 ? near(random, from + length) : from + length;
            from = Math.min(from, MAX_EPOCH_SECONDS);
            until = Math.max(from, Math.min(until, MAX_EPOCH_SECONDS));
            return new long[] {from, until};
        }

        /** {@code t}, or a node boundary or year start near it, or one second either side of that. */
        static long near(SplittableRandom random, long t) {
            long snapped = switch (random.nextInt(4)) {
                case 0 -> t;
                case 1 -> {
                    long span = SegmentTree.spanSeconds(random.nextInt(MAX_LEVEL + 1));
                    yield t / span * span;
                }
                case 2 -> {
                    int year = 1970 + (int) (t / (365L * 86_400 + 20_952));
                    yield LocalDate.of(Math.min(year, 2286), 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                }
                default -> t;
            };
            long nudged = snapped + random.nextInt(3) - 1;
            return Math.max(0, Math.min(nudged, MAX_EPOCH_SECONDS));
        }
    }
}
