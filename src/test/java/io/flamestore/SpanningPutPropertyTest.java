package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A put spanning several slots stores in each slot exactly the part the model ({@link TreeSplitter},
 * stack by stack by largest remainder) gives it, although the store splits the put's path counts
 * rather than its tree, and when the span divides their unit, splits only the unit.
 */
class SpanningPutPropertyTest {
    private static final long T0 = 1_700_000_000L;

    @Test
    void eachSlotHoldsTheModelsPart(@TempDir Path dir) throws Exception {
        try (Storage storage = Storage.open(dir)) {
            int[] series = {0};
            PropertyRunner.forAll("spanning put", 300, random -> {
                long start = T0 + random.nextInt(100_000);
                long end = start + 1 + random.nextInt(60);
                // Values in a unit the span divides (as 10 ms in nanoseconds over whole seconds), which
                // the store splits without apportioning, or in units of 1.
                long unit = random.nextBoolean() ? 1 : end - start; // 40 samples of at most 2^51 times 60 fit a total
                Tree tree = Generators.tree(Generators.samples(random, 40).stream()
                        .map(sample -> new Generators.Sample(sample.frames(), sample.value() * unit)).toList(), random);
                String key = "spanning.cpu{case=c" + series[0] + "}";
                String selector = "spanning.cpu{case=\"c" + series[0]++ + "\"}";
                storage.put(key, start, end, tree);
                List<SegmentTree.Share> shares = SegmentTree.overlaps(start, end);
                Tree[] model = TreeSplitter.split(tree, shares.stream().mapToLong(SegmentTree.Share::seconds).toArray());
                for (int i = 0; i < model.length; i++) {
                    long slot = shares.get(i).slot().startEpochSeconds();
                    assertTreeEquals(model[i], storage.get(Query.parse(selector, slot, slot + 10)).tree(),
                            key + " [" + start + ", " + end + "), slot " + slot);
                }
            });
        }
    }
}
