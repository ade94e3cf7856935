package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TreeDiff aligns two trees node by node, with each side's values looked up by path. */
class TreeDiffPropertyTest {

    @Test
    void diffOfATreeWithItselfIsBalanced() {
        PropertyRunner.forAll("diff(t, t)", 300, random -> {
            Tree tree = Generators.tree(Generators.samples(random, 60), random);
            TreeDiff diff = TreeDiff.of(tree, tree);
            assertEquals(tree.nodeCount(), diff.nodeCount(), "nodeCount");
            assertEquals(tree.total(), diff.leftTotal(), "leftTotal");
            assertEquals(tree.total(), diff.rightTotal(), "rightTotal");
            int[] visited = {0};
            diff.visit((depth, name, leftSelf, leftTotal, rightSelf, rightTotal) -> {
                visited[0]++;
                assertEquals(leftSelf, rightSelf, name);
                assertEquals(leftTotal, rightTotal, name);
                assertTrue(leftTotal > 0, "a node of the tree has a positive total: " + name);
            });
            assertEquals(tree.nodeCount(), visited[0], "visited nodes");
        });
    }

    @Test
    void diffValuesMatchBothTreesByPath() {
        PropertyRunner.forAll("diff(a, b)", 300, random -> {
            List<Generators.Sample> a = Generators.samples(random, 40);
            List<Generators.Sample> b = Generators.samples(random, 40);
            StackModel left = StackModel.of(a);
            StackModel right = StackModel.of(b);
            Tree ta = Generators.tree(a, random);
            Tree tb = Generators.tree(b, random);
            Tree taBefore = ta.copy();
            TreeDiff diff = TreeDiff.of(ta, tb);

            Set<String> expectedNodes = new HashSet<>(left.nodes());
            expectedNodes.addAll(right.nodes());
            assertEquals(expectedNodes.size(), diff.nodeCount(), "nodeCount");
            assertEquals(ta.total(), diff.leftTotal(), "leftTotal");
            assertEquals(tb.total(), diff.rightTotal(), "rightTotal");

            List<String> path = new ArrayList<>();
            Set<String> visited = new HashSet<>();
            Set<String> stacks = new HashSet<>();
            diff.visit((depth, name, leftSelf, leftTotal, rightSelf, rightTotal) -> {
                assertTrue(depth <= path.size(), "depth jumps to " + depth);
                path.subList(depth, path.size()).clear();
                path.add(name);
                String stack = String.join(";", path);
                assertTrue(visited.add(stack), "visited twice: " + stack);
                assertEquals(ta.self(stack), leftSelf, () -> "left self of " + stack);
                assertEquals(ta.total(stack), leftTotal, () -> "left total of " + stack);
                assertEquals(tb.self(stack), rightSelf, () -> "right self of " + stack);
                assertEquals(tb.total(stack), rightTotal, () -> "right total of " + stack);
                assertEquals(left.total(stack), leftTotal, () -> "model left total of " + stack);
                assertEquals(right.total(stack), rightTotal, () -> "model right total of " + stack);
                if (leftSelf > 0 || rightSelf > 0) {
                    stacks.add(stack);
                }
            });
            assertEquals(expectedNodes, visited, "visited nodes");
            Set<String> expectedStacks = new HashSet<>(left.stacks().keySet());
            expectedStacks.addAll(right.stacks().keySet());
            assertEquals(expectedStacks, stacks, "every stack of both trees");
            assertEquals(taBefore, ta, "diff changed its left tree");
            assertEquals(ta.functions(), diff.leftFunctions(), "functions of the left side");
            assertEquals(tb.functions(), diff.rightFunctions(), "functions of the right side");
        });
    }

    @Test
    void truncatedDiffKeepsTheLargestNodesOnEitherSideAndBothTotals() {
        PropertyRunner.forAll("diff(a, b).truncate", 300, random -> {
            TreeDiff diff = TreeDiff.of(Generators.tree(Generators.samples(random, 40), random),
                    Generators.tree(Generators.samples(random, 40), random));
            int maxNodes = random.nextInt(diff.nodeCount() + 3);
            TreeDiff truncated = diff.truncate(maxNodes);
            assertEquals(diff.leftTotal(), truncated.leftTotal(), "leftTotal");
            assertEquals(diff.rightTotal(), truncated.rightTotal(), "rightTotal");

            Map<List<String>, List<Long>> all = FlamebearerPropertyTest.aligned(diff);
            Map<List<String>, List<Long>> kept = FlamebearerPropertyTest.aligned(truncated);
            long smallestKept = Long.MAX_VALUE;
            int real = 0;
            for (Map.Entry<List<String>, List<Long>> node : kept.entrySet()) {
                List<String> stack = node.getKey();
                if (!stack.get(stack.size() - 1).equals(Tree.OTHER)) {
                    real++;
                    assertEquals(all.get(stack), node.getValue(), () -> "values of kept node " + stack);
                    smallestKept = Math.min(smallestKept, Math.max(node.getValue().get(1), node.getValue().get(3)));
                }
            }
            assertEquals(Math.min(maxNodes, diff.nodeCount()), real, "kept nodes for maxNodes=" + maxNodes);
            for (Map.Entry<List<String>, List<Long>> node : all.entrySet()) {
                if (!kept.containsKey(node.getKey())) {
                    assertTrue(Math.max(node.getValue().get(1), node.getValue().get(3)) <= smallestKept,
                            "dropped " + node.getKey() + " is larger than a kept node");
                }
            }
        });
    }
}
