package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Flamebearer JSON read back as a viewer reads it gives the (truncated) tree or diff it was written from. */
class FlamebearerPropertyTest {

    @Test
    void singleLevelsRebuildTheTree() {
        PropertyRunner.forAll("flamebearer single", 300, random -> {
            Tree tree = Generators.tree(Generators.samples(random, 60), random);
            int maxNodes = maxNodes(random, tree.nodeCount());
            String json = Flamebearer.of(tree).withMaxNodes(maxNodes).toJson();
            FlamebearerDecoder.Decoded decoded = FlamebearerDecoder.decode(json);
            Tree expected = maxNodes >= tree.nodeCount() ? tree : tree.truncate(maxNodes);
            TreeAssertions.assertTreeEquals(expected, decoded.trees().get(0), "maxNodes=" + maxNodes);
            assertEquals("single", decoded.section("metadata").get("format"));
        });
    }

    @Test
    void doubleLevelsMatchTheDiff() {
        PropertyRunner.forAll("flamebearer double", 300, random -> {
            Tree left = Generators.tree(Generators.samples(random, 40), random);
            Tree right = Generators.tree(Generators.samples(random, 40), random);
            TreeDiff diff = TreeDiff.of(left, right);
            int maxNodes = maxNodes(random, diff.nodeCount());
            FlamebearerDecoder.Decoded decoded = FlamebearerDecoder.decode(
                    Flamebearer.of(diff).withMaxNodes(maxNodes).toJson());
            TreeDiff expected = maxNodes >= diff.nodeCount() ? diff : diff.truncate(maxNodes);
            assertEquals(aligned(expected), asLists(decoded.nodes()), "aligned nodes, maxNodes=" + maxNodes);
            assertEquals(left.total(), decoded.profile().get("leftTicks"), "leftTicks");
            assertEquals(right.total(), decoded.profile().get("rightTicks"), "rightTicks");
            if (maxNodes >= diff.nodeCount()) {
                TreeAssertions.assertTreeEquals(left, decoded.trees().get(0), "left side");
                TreeAssertions.assertTreeEquals(right, decoded.trees().get(1), "right side");
            }
        });
    }

    /** Often everything, otherwise anything from 0 to a bit more than the node count. */
    private static int maxNodes(SplittableRandom random, int nodeCount) {
        return random.nextInt(3) == 0 ? Integer.MAX_VALUE : random.nextInt(nodeCount + 3);
    }

    /** Stack to {@code [leftSelf, leftTotal, rightSelf, rightTotal]}, as TreeDiff visits it. */
    static Map<List<String>, List<Long>> aligned(TreeDiff diff) {
        Map<List<String>, List<Long>> out = new HashMap<>();
        List<String> path = new ArrayList<>();
        diff.visit((depth, name, leftSelf, leftTotal, rightSelf, rightTotal) -> {
            path.subList(depth, path.size()).clear();
            path.add(name);
            out.put(List.copyOf(path), List.of(leftSelf, leftTotal, rightSelf, rightTotal));
        });
        return out;
    }

    static Map<List<String>, List<Long>> asLists(Map<List<String>, long[]> nodes) {
        Map<List<String>, List<Long>> out = new HashMap<>();
        nodes.forEach((stack, values) -> out.put(stack, Arrays.stream(values).boxed().toList()));
        return out;
    }
}
