package io.flamestore;

import static io.flamestore.SegmentTree.MAX_EPOCH_SECONDS;
import static io.flamestore.SegmentTree.MAX_LEVEL;
import static io.flamestore.SegmentTree.SLOT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.SegmentTree.Node;
import io.flamestore.SegmentTree.Share;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Nodes, {@link SegmentTree#path}, {@link SegmentTree#overlaps} and misuse. */
class SegmentTreeNodeTest {
    @Test
    void nodeGeometry() {
        Node node = new Node(3, 1234);
        assertEquals(10_000, node.spanSeconds());
        assertEquals(12_340_000, node.startEpochSeconds());
        assertEquals(12_350_000, node.endEpochSeconds());
        assertEquals("L3#1234[12340000..12350000)", node.toString());
        assertEquals(new Node(4, 123), node.parent());
        assertEquals(new Node(2, 12_347), node.child(7));
        assertTrue(node.contains(node));
        assertTrue(node.parent().contains(node));
        assertTrue(node.contains(node.child(9).child(0)));
        assertFalse(node.contains(node.parent()));
        assertFalse(node.contains(new Node(3, 1235)));
        assertFalse(node.contains(new Node(0, 1_235_000)));
        assertEquals(new Node(MAX_LEVEL, 9).endEpochSeconds(), MAX_EPOCH_SECONDS);
        assertEquals(new Node(0, MAX_EPOCH_SECONDS / SLOT_SECONDS - 1), SegmentTree.slotAt(MAX_EPOCH_SECONDS - 1));
    }

    @Test
    void pathHoldsTheSecondAtEveryLevel() {
        PropertyRunner.forAll("path", 10_000, random -> {
            long t = SegmentTreeCoverTest.TimeGen.near(random, random.nextLong(MAX_EPOCH_SECONDS));
            t = Math.min(t, MAX_EPOCH_SECONDS - 1);
            List<Node> path = SegmentTree.path(t);
            assertEquals(MAX_LEVEL + 1, path.size());
            Node slot = SegmentTree.slotAt(t);
            assertEquals(slot, path.get(0));
            for (int level = 0; level <= MAX_LEVEL; level++) {
                Node node = path.get(level);
                assertEquals(level, node.level());
                assertTrue(node.contains(slot), () -> node + " should contain " + slot);
                long second = t;
                assertTrue(node.startEpochSeconds() <= t && t < node.endEpochSeconds(), () -> node + " vs " + second);
                if (level > 0) {
                    assertEquals(node, path.get(level - 1).parent());
                }
            }
        });
    }

    @Test
    void sharesTileTheProfile() {
        PropertyRunner.forAll("overlaps", 10_000, random -> {
            long start = SegmentTreeCoverTest.TimeGen.near(random, random.nextLong(MAX_EPOCH_SECONDS));
            long length = random.nextInt(3) == 0 ? 0 : random.nextLong(1, 2_000);
            long end = Math.min(start + length, MAX_EPOCH_SECONDS);
            start = Math.min(start, MAX_EPOCH_SECONDS - 1);
            List<Share> shares = SegmentTree.overlaps(start, end);
            if (start == end) {
                assertEquals(List.of(new Share(SegmentTree.slotAt(start), 1)), shares);
                return;
            }
            long sum = 0;
            Node previous = null;
            for (Share share : shares) {
                Node slot = share.slot();
                assertEquals(0, slot.level());
                assertTrue(share.seconds() >= 1 && share.seconds() <= SLOT_SECONDS, share::toString);
                long overlap = Math.min(end, slot.endEpochSeconds()) - Math.max(start, slot.startEpochSeconds());
                long from = start;
                assertEquals(overlap, share.seconds(), () -> share + " of [" + from + ", " + end + ")");
                if (previous != null) {
                    assertEquals(previous.index() + 1, slot.index());
                }
                previous = slot;
                sum += share.seconds();
            }
            assertEquals(end - start, sum);
            assertEquals(SegmentTree.slotAt(start), shares.get(0).slot());
            assertEquals(SegmentTree.slotAt(end - 1), previous);
        });
    }

    @Test
    void overlapsExamples() {
        assertEquals(List.of(new Share(new Node(0, 0), 10)), SegmentTree.overlaps(0, 10));
        assertEquals(List.of(new Share(new Node(0, 0), 5), new Share(new Node(0, 1), 10),
                new Share(new Node(0, 2), 1)), SegmentTree.overlaps(5, 21));
        assertEquals(List.of(new Share(new Node(0, 1), 1)), SegmentTree.overlaps(17, 17));
    }

    @Test
    void misuseIsRejectedWithTheOffendingValues() {
        assertRejected(() -> new Node(-1, 0), "-1");
        assertRejected(() -> new Node(MAX_LEVEL + 1, 0), "9");
        assertRejected(() -> new Node(0, -5), "-5");
        assertRejected(() -> new Node(MAX_LEVEL, 10), "10");
        assertRejected(() -> new Node(MAX_LEVEL, 3).parent(), "L8#3");
        assertRejected(() -> new Node(0, 3).child(0), "L0#3");
        assertRejected(() -> new Node(2, 3).child(10), "10");
        assertRejected(() -> SegmentTree.slotAt(-1), "-1");
        assertRejected(() -> SegmentTree.slotAt(MAX_EPOCH_SECONDS), "10000000000");
        assertRejected(() -> SegmentTree.path(-7), "-7");
        assertRejected(() -> SegmentTree.cover(-3, 10), "-3");
        assertRejected(() -> SegmentTree.cover(0, MAX_EPOCH_SECONDS + 1), "10000000001");
        assertRejected(() -> SegmentTree.cover(200, 100), "from (200) is after until (100)");
        assertRejected(() -> SegmentTree.cover(0, 100, 9), "9");
        assertRejected(() -> SegmentTree.cover(0, 100, -1), "-1");
        assertRejected(() -> SegmentTree.overlaps(50, 40), "start (50) is after end (40)");
        assertRejected(() -> SegmentTree.overlaps(-1, 40), "-1");
        assertRejected(() -> SegmentTree.overlaps(MAX_EPOCH_SECONDS, MAX_EPOCH_SECONDS), "10000000000");
        assertRejected(() -> SegmentTree.spanSeconds(MAX_LEVEL + 1), "9");
    }

    static void assertRejected(Executable call, String mentioned) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(mentioned), "message \"" + e.getMessage() + "\" should name " + mentioned);
    }
}
