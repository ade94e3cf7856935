package io.flamestore.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index answers every lookup as a map of what was put would, whether it skips the map (a node
 * above everything written to a new index) or not (an index reopened with contents). The model is a
 * {@code HashMap}. Prints its seed; rerun with {@code -Dflamestore.seed=N}.
 */
class NodeIndexPropertyTest {
    private static final int CASES = 20;
    private static final int OPERATIONS = 400;

    @TempDir
    Path dir;

    @Test
    void lookupsAgreeWithAMapOfWhatWasPut() throws Exception {
        long seed = seed();
        SplittableRandom master = new SplittableRandom(seed);
        for (int c = 0; c < CASES; c++) {
            SplittableRandom random = master.split();
            Path partition = Files.createDirectory(dir.resolve("case-" + c));
            Map<Long, NodeEntry> model = new HashMap<>();
            int reopens = random.nextInt(3);
            for (int session = 0; session <= reopens; session++) {
                try (NodeIndex index = NodeIndex.open(partition, 4096)) {
                    for (int op = 0; op < OPERATIONS; op++) {
                        int series = random.nextInt(4);
                        int level = random.nextInt(3);
                        long node = 1_000 + random.nextInt(40) + (random.nextInt(50) == 0 ? (long) Integer.MAX_VALUE : 0);
                        long key = NodeIndex.key(series, level, node);
                        if (random.nextBoolean()) {
                            NodeEntry entry = new NodeEntry(random.nextLong(1L << 40), 1 + random.nextInt(1000), 1, random.nextLong(1L << 50), false);
                            index.put(series, level, node, entry);
                            model.put(key, entry);
                        } else {
                            assertEquals(model.get(key), index.get(series, level, node),
                                    "seed " + seed + ", case " + c + ", session " + session + ": series " + series + ", level " + level + ", node " + node);
                        }
                    }
                }
            }
        }
    }

    private static long seed() {
        String configured = System.getProperty("flamestore.seed");
        long seed = configured == null || configured.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(configured.trim());
        System.out.println("node index: seed=" + seed + " (rerun with -Dflamestore.seed=" + seed + ")");
        return seed;
    }
}
