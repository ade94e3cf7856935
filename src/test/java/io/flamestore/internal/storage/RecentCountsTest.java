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
        RecentCounts recent = new RecentCounts(10);
        try (Partition a = Partition.open(dir.resolve("a"), 1024, recent);
                Partition b = Partition.open(dir.resolve("b"), 1024, recent)) {
            PathCounts four = a.countsOf(Tree.parseFolded("main;a 1\nmain;b 2\nmain;c 3\nmain;d 4\n"));
            PathCounts three = a.countsOf(Tree.parseFolded("main;a 1\nmain;b 2\nmain;c 3\n"));
            assertEquals(4, four.size());
            recent.remember(a, 16, four);
            recent.remember(b, 16, three);
            recent.remember(a, 100, three);
            assertEquals(10, recent.entries());
            recent.remember(a, 200, three); // 13 entries: the oldest (four) goes
            assertEquals(9, recent.entries());
            assertNull(recent.take(a, 16));
            assertSame(three, recent.take(b, 16), "same address, other partition");
            assertNull(recent.take(b, 16), "given out once");
            StringBuilder eleven = new StringBuilder();
            for (int i = 0; i < 11; i++) {
                eleven.append("main;f").append(i).append(" 1\n");
            }
            recent.remember(a, 300, a.countsOf(Tree.parseFolded(eleven.toString()))); // more than the bound: not held
            assertEquals(6, recent.entries());
            recent.forget(a);
            assertEquals(0, recent.entries());
            assertNull(recent.take(a, 100));
        }
    }
}
