package io.flamestore.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.flamestore.Tree;
import io.flamestore.internal.encoding.PathCounts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lately stored counts are held within their bound, oldest dropped first, and read once. */
class RecentCountsTest {
    @TempDir
    Path dir;

    @Test
    void holdsTheNewestWithinItsBoundAndGivesEachOutOnce() throws Exception {
        long four = RecentCounts.OVERHEAD + 4 * RecentCounts.PAIR;
        long three = RecentCounts.OVERHEAD + 3 * RecentCounts.PAIR;
        RecentCounts recent = new RecentCounts(four + 2 * three);
        try (Partition a = Partition.open(dir.resolve("a"), 1024, recent);
                Partition b = Partition.open(dir.resolve("b"), 1024, recent)) {
            PathCounts fourStacks = a.countsOf(Tree.parseFolded("main;a 1\nmain;b 2\nmain;c 3\nmain;d 4\n"));
            PathCounts threeStacks = a.countsOf(Tree.parseFolded("main;a 1\nmain;b 2\nmain;c 3\n"));
            assertEquals(four, RecentCounts.bytes(fourStacks));
            recent.remember(a, 16, fourStacks);
            recent.remember(b, 16, threeStacks);
            recent.remember(a, 100, threeStacks);
            assertEquals(four + 2 * three, recent.bytes(), "exactly full");
            recent.remember(a, 200, threeStacks); // over the bound: the oldest (four stacks) goes
            assertEquals(3 * three, recent.bytes());
            assertNull(recent.take(a, 16));
            assertSame(threeStacks, recent.take(b, 16), "same address, other partition");
            assertNull(recent.take(b, 16), "given out once");
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                many.append("main;f").append(i).append(" 1\n");
            }
            recent.remember(a, 300, a.countsOf(Tree.parseFolded(many.toString()))); // more than the bound: not held
            assertEquals(2 * three, recent.bytes());
            recent.forget(a);
            assertEquals(0, recent.bytes());
            assertNull(recent.take(a, 100));
        }
    }
}
