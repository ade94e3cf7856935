package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** truncate(maxNodes) keeps the largest connected top of the tree and preserves every total. */
class TruncatePropertyTest {

    @Test
    void truncationKeepsTotalsAncestorsAndTheLargestNodes() {
        PropertyRunner.forAll("truncate", 400, random -> {
            List<Generators.Sample> samples = Generators.samples(random, 60);
            StackModel model = StackModel.of(samples);
            Tree tree = Generators.tree(samples, random);
            Tree original = tree.copy();
            int maxNodes = random.nextInt(tree.nodeCount() + 3);
            Tree truncated = tree.truncate(maxNodes);

            assertEquals(original, tree, "truncate changed the tree");
            assertEquals(tree.total(), truncated.total(), "total()");

            Map<String, Long> kept = new HashMap<>();
            Map<String, Long> childTotals = new HashMap<>();
            Map<String, Long> selfs = new HashMap<>();
            Map<String, Long> totals = new HashMap<>();
            List<String> path = new ArrayList<>();
            truncated.visit((depth, name, self, total) -> {
                path.subList(depth, path.size()).clear();
                path.add(name);
                String stack = String.join(";", path);
                String parent = String.join(";", path.subList(0, depth));
                childTotals.merge(parent, total, Long::sum);
                selfs.put(stack, self);
                totals.put(stack, total);
                assertTrue(total > 0, "empty node " + stack);
                if (name.equals(Tree.OTHER)) {
                    assertEquals(self, total, "an 'other' node is a leaf: " + stack);
                    assertEquals(0, model.total(stack), "'other' is not a real frame here");
                } else {
                    assertTrue(depth == 0 || kept.containsKey(parent), "ancestor of " + stack + " dropped");
                    assertEquals(model.total(stack), total, () -> "total of kept node " + stack);
                    assertEquals(model.self(stack), self, () -> "self of kept node " + stack);
                    kept.put(stack, total);
                }
            });
            assertEquals(Math.min(maxNodes, tree.nodeCount()), kept.size(), "kept nodes for maxNodes=" + maxNodes);
            assertEquals(tree.total(), childTotals.getOrDefault("", 0L), "top-level totals");
            totals.forEach((stack, total) -> assertEquals(total,
                    selfs.get(stack) + childTotals.getOrDefault(stack, 0L), "total = self + children at " + stack));

            long smallestKept = kept.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
            for (String node : model.nodes()) {
                if (!kept.containsKey(node)) {
                    assertTrue(model.total(node) <= smallestKept,
                            "dropped " + node + " (" + model.total(node) + ") is larger than a kept node ("
                                    + smallestKept + ")");
                }
            }
            if (maxNodes >= tree.nodeCount()) {
                assertEquals(tree, truncated, "nothing to truncate");
            }
        });
    }
}
