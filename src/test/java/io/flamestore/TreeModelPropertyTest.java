package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A tree built from random stacks agrees with the naive map model, and folded text round-trips. */
class TreeModelPropertyTest {

    @Test
    void treeBuiltFromStacksEqualsModel() {
        PropertyRunner.forAll("tree equals model", 400, random -> {
            List<Generators.Sample> samples = Generators.samples(random, 60);
            StackModel model = StackModel.of(samples);
            Tree tree = Generators.tree(samples, random);

            assertEquals(model.stacks(), StackModel.parseLines(tree.toFolded()), "toFolded");
            assertEquals(model.total(), tree.total(), "total()");
            assertEquals(model.total() == 0, tree.isEmpty(), "isEmpty()");
            assertEquals(model.nodes().size(), tree.nodeCount(), "nodeCount()");
            for (String node : model.nodes()) {
                assertEquals(model.self(node), tree.self(node), () -> "self(" + node + ")");
                assertEquals(model.total(node), tree.total(node), () -> "total(" + node + ")");
            }
            for (int i = 0; i < 20; i++) {
                String stack = String.join(";", Generators.frames(random));
                assertEquals(model.self(stack), tree.self(stack), () -> "self(" + stack + ")");
                assertEquals(model.total(stack), tree.total(stack), () -> "total(" + stack + ")");
            }

            Map<String, Long> visitedStacks = new HashMap<>();
            tree.forEachStack((frames, self) ->
                    assertEquals(null, visitedStacks.put(String.join(";", frames), self), "stack visited twice"));
            assertEquals(model.stacks(), visitedStacks, "forEachStack");
        });
    }

    @Test
    void visitIsPreorderWithSortedSiblingsAndModelValues() {
        PropertyRunner.forAll("visit order", 300, random -> {
            List<Generators.Sample> samples = Generators.samples(random, 60);
            StackModel model = StackModel.of(samples);
            Tree tree = Generators.tree(samples, random);

            List<String> path = new ArrayList<>();
            List<String> lastSibling = new ArrayList<>();
            Set<String> visited = new HashSet<>();
            tree.visit((depth, name, self, total) -> {
                assertTrue(depth <= path.size(), "depth jumps from " + path.size() + " to " + depth);
                path.subList(depth, path.size()).clear();
                if (lastSibling.size() > depth) {
                    String previous = lastSibling.get(depth);
                    assertTrue(previous.compareTo(name) < 0, "siblings out of order: " + previous + ", " + name);
                    lastSibling.subList(depth, lastSibling.size()).clear();
                }
                lastSibling.add(name);
                path.add(name);
                String stack = String.join(";", path);
                assertTrue(visited.add(stack), "visited twice: " + stack);
                assertEquals(model.self(stack), self, () -> "self of " + stack);
                assertEquals(model.total(stack), total, () -> "total of " + stack);
            });
            assertEquals(model.nodes(), visited, "visited nodes");
        });
    }

    @Test
    void parseOfToFoldedEqualsTree() {
        PropertyRunner.forAll("parse(toFolded) round trip", 300, random -> {
            Tree tree = Generators.tree(Generators.samples(random, 60), random);
            String folded = tree.toFolded();
            Tree fromString = Tree.parseFolded(folded);
            assertEquals(tree, fromString, "from a String");
            assertEquals(tree.hashCode(), fromString.hashCode(), "hashCode");
            assertEquals(folded, fromString.toFolded(), "toFolded is canonical");
            assertEquals(tree, Tree.parseFolded(new StringReader(folded)), "from a Reader");
            assertEquals(tree, Tree.parseFolded(new ByteArrayInputStream(folded.getBytes(StandardCharsets.UTF_8))),
                    "from UTF-8 bytes");
        });
    }
}
