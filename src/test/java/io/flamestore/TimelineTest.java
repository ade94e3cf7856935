package io.flamestore;

import static io.flamestore.SegmentTreeNodeTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.SegmentTree.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step choice, alignment, bucket mapping and "no data" versus zero. */
class TimelineTest {
    private static final long DAY = 86_400;
    private static final long[] ALLOWED_STEPS = {10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    @Test
    void stepIsTheSmallestAllowedOneGivingAtMost1000Points() {
        long from = 1_700_000_003L; // not aligned to anything larger than a second
        assertStep(from, 3_600, 10);
        assertStep(from, DAY, 100);
        assertStep(from, 7 * DAY, 1_000);
        assertStep(from, 30 * DAY, 10_000);
        assertStep(from, 365 * DAY, 100_000);
        assertStep(0, SegmentTree.MAX_EPOCH_SECONDS, 10_000_000);
        assertStep(0, 10_000, 10); // exactly 1000 points
        assertStep(0, 10_010, 100);
    }

    @Test
    void randomRangesGetTheSmallestStepThatFits() {
        PropertyRunner.forAll("timeline step", 5_000, random -> {
            long[] range = SegmentTreeCoverTest.TimeGen.range(random);
            Timeline timeline = Timeline.builder(range[0], range[1]).build();
            long from = SegmentTree.floorSlot(range[0]);
            long until = SegmentTree.ceilSlot(range[1]);
            long step = timeline.stepSeconds();
            assertTrue(timeline.size() <= Timeline.MAX_POINTS, timeline.size() + " points");
            assertEquals(0, timeline.startEpochSeconds() % step);
            assertTrue(timeline.startEpochSeconds() <= from && from < timeline.startEpochSeconds() + step);
            assertTrue(timeline.endEpochSeconds() >= until && timeline.endEpochSeconds() - step < Math.max(until, from + 1));
            for (long smaller : ALLOWED_STEPS) {
                if (smaller == step) {
                    break;
                }
                long first = from - from % smaller;
                assertTrue((until - first + smaller - 1) / smaller > Timeline.MAX_POINTS, smaller + " would do");
            }
        });
    }

    @Test
    void noDataIsNotZero() {
        Timeline.Builder builder = Timeline.builder(1_000, 1_060); // 6 slots, step 10
        builder.add(1_010, 0).add(1_030, 5).add(1_030, 7);
        Timeline timeline = builder.build();
        assertEquals(6, timeline.size());
        assertArrayEquals(new long[] {0, 0, 0, 12, 0, 0}, timeline.values());
        assertFalse(timeline.hasData(0));
        assertTrue(timeline.hasData(1));
        assertEquals(0, timeline.value(1));
        assertTrue(timeline.hasData(3));
        assertEquals(12, timeline.value(3));
        assertEquals("Timeline[start=1000, step=10, values=[-, 0, -, 12, -, -]]", timeline.toString());
        assertNotEquals(Timeline.builder(1_000, 1_060).add(1_030, 12).build(), timeline);
        assertEquals(Timeline.builder(1_000, 1_060).add(1_010, 0).add(1_030, 12).build(), timeline);
        assertEquals(timeline.hashCode(), Timeline.builder(1_000, 1_060).add(1_010, 0).add(1_030, 12).build().hashCode());
        timeline.values()[3] = 99; // a copy
        assertEquals(12, timeline.value(3));
        assertEquals(0, Timeline.builder(50, 50).build().size());
    }

    @Test
    void slotsAndNodesLandInTheirBucket() {
        // Widened to [1_700_000_010, 1_700_086_420): step 100, points from 1_700_000_000.
        Timeline.Builder builder = Timeline.builder(1_700_000_013L, 1_700_000_013L + DAY);
        assertEquals(100, builder.stepSeconds());
        assertEquals(1, builder.maxLevel());
        List<Node> nodes = SegmentTree.cover(1_700_000_013L, 1_700_000_013L + DAY, builder.maxLevel());
        for (Node node : nodes) {
            builder.addNode(node, node.level() + 1);
        }
        Timeline timeline = builder.build();
        assertEquals(1_700_000_000L, timeline.startEpochSeconds());
        assertEquals(865, timeline.size());
        assertEquals(0, timeline.indexOf(1_700_000_000L));
        assertEquals(0, timeline.indexOf(1_700_000_099L));
        assertEquals(1, timeline.indexOf(1_700_000_100L));
        assertEquals(864, timeline.indexOf(timeline.endEpochSeconds() - 1));
        assertEquals(9, timeline.value(0)); // slots 1-9 of the first 100 s: nine level-0 nodes
        assertEquals(2, timeline.value(1)); // one level-1 node
        assertEquals(2, timeline.value(864)); // two slots, 1_700_086_400 and 1_700_086_410
        long total = 0;
        for (int i = 0; i < timeline.size(); i++) {
            assertTrue(timeline.hasData(i));
            total += timeline.value(i);
        }
        assertEquals(9 + 863 * 2 + 2, total);
    }

    @Test
    void misuseIsRejected() {
        Timeline.Builder builder = Timeline.builder(1_000, 2_000);
        assertRejected(() -> Timeline.builder(-1, 10), "-1");
        assertRejected(() -> Timeline.builder(20, 10), "from (20) is after until (10)");
        assertRejected(() -> builder.add(1_005, 1), "1005");
        assertRejected(() -> builder.add(990, 1), "[990, 1000)");
        assertRejected(() -> builder.add(2_000, 1), "[2000, 2010)");
        assertRejected(() -> builder.add(1_000, -4), "-4");
        assertRejected(() -> builder.addNode(new Node(1, 10), 1), "L1#10[1000..1100) spans 100 s");
        builder.add(1_000, Long.MAX_VALUE);
        assertRejected(() -> builder.add(1_000, 1), "overflow");
        Timeline timeline = builder.build();
        assertRejected(() -> timeline.indexOf(999), "999");
        assertRejected(() -> timeline.indexOf(2_000), "2000");
    }

    private static void assertStep(long from, long length, long step) {
        Timeline timeline = Timeline.builder(from, from + length).build();
        assertEquals(step, timeline.stepSeconds(), "step for " + length + " s");
        assertTrue(timeline.size() <= Timeline.MAX_POINTS);
    }
}
