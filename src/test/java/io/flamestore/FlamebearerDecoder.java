package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads flamebearer JSON back the way a viewer does: x positions from the delta-encoded offsets,
 * each node's parent found by position in the level above. Rebuilds the tree of every side and
 * asserts the format's rules on the way (one root named "total", children inside their parent,
 * total = self + children, numTicks and maxSelf).
 */
final class FlamebearerDecoder {
    /** One decoded node; arrays are per side (left, then right for "double"). */
    private record Node(List<String> stack, long[] x, long[] total, long[] self) {
    }

    /** The parsed profile object, the rebuilt tree per side, and every node's values by stack. */
    record Decoded(Map<String, Object> profile, List<Tree> trees, Map<List<String>, long[]> nodes) {
        Map<String, Object> section(String key) {
            return MiniJson.object(profile.get(key));
        }
    }

    private FlamebearerDecoder() {
    }

    static Decoded decode(String json) {
        Map<String, Object> profile = MiniJson.object(MiniJson.parse(json));
        assertEquals(1L, profile.get("version"), "version");
        Map<String, Object> fb = MiniJson.object(profile.get("flamebearer"));
        String format = (String) MiniJson.object(profile.get("metadata")).get("format");
        int sides = format.equals("single") ? 1 : 2;
        assertTrue(sides == 1 || format.equals("double"), "format " + format);
        int width = 3 * sides + 1;
        List<Object> names = MiniJson.list(fb.get("names"));
        List<List<Node>> levels = new ArrayList<>();
        Map<List<String>, long[]> byStack = new LinkedHashMap<>();
        long maxSelf = 0;
        for (Object rowObject : MiniJson.list(fb.get("levels"))) {
            List<Object> row = MiniJson.list(rowObject);
            assertEquals(0, row.size() % width, "level length " + row.size());
            List<Node> level = new ArrayList<>();
            long[] previousEnd = new long[sides];
            for (int i = 0; i < row.size(); i += width) {
                Node node = new Node(new ArrayList<>(), new long[sides], new long[sides], new long[sides]);
                for (int s = 0; s < sides; s++) {
                    long offset = (Long) row.get(i + 3 * s);
                    assertTrue(offset >= 0, "negative offset " + offset);
                    node.x[s] = previousEnd[s] + offset;
                    node.total[s] = (Long) row.get(i + 3 * s + 1);
                    node.self[s] = (Long) row.get(i + 3 * s + 2);
                    previousEnd[s] = node.x[s] + node.total[s];
                    maxSelf = Math.max(maxSelf, node.self[s]);
                }
                String name = (String) names.get(((Long) row.get(i + width - 1)).intValue());
                if (levels.isEmpty()) {
                    assertEquals("total", name, "root name");
                    assertEquals(0, row.size() / width - 1, "one root");
                } else {
                    Node parent = parent(levels.get(levels.size() - 1), node);
                    node.stack.addAll(parent.stack);
                    node.stack.add(name);
                    long[] values = byStack.computeIfAbsent(node.stack, k -> new long[2 * sides]);
                    assertEquals(0, values[1], "stack twice: " + node.stack);
                    for (int s = 0; s < sides; s++) {
                        values[2 * s] = node.self[s];
                        values[2 * s + 1] = node.total[s];
                    }
                }
                level.add(node);
            }
            levels.add(level);
        }
        List<Tree> trees = rebuild(levels, sides);
        long numTicks = 0;
        for (Tree tree : trees) {
            numTicks += tree.total();
        }
        assertEquals(numTicks, fb.get("numTicks"), "numTicks");
        assertEquals(maxSelf, fb.get("maxSelf"), "maxSelf");
        return new Decoded(profile, trees, byStack);
    }

    /**
     * The node above {@code child}, by position on a side where the child is present: x grows along
     * a level, so a binary search finds the last node starting at or before the child, and nodes
     * absent on that side (total 0) are skipped backwards.
     */
    private static Node parent(List<Node> above, Node child) {
        int side = child.total[0] > 0 ? 0 : 1;
        assertTrue(side < child.total.length && child.total[side] > 0, "a node absent on every side: " + child.stack);
        int low = 0;
        int high = above.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (above.get(mid).x[side] <= child.x[side]) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        while (low > 0 && above.get(low).total[side] == 0) {
            low--;
        }
        Node parent = above.get(low);
        for (int s = 0; s < child.total.length; s++) {
            assertTrue(child.x[s] >= parent.x[s] && child.x[s] + child.total[s] <= parent.x[s] + parent.total[s],
                    "node " + child.stack + " outside its parent " + parent.stack + " on side " + s);
        }
        return parent;
    }

    private static List<Tree> rebuild(List<List<Node>> levels, int sides) {
        List<Tree> trees = new ArrayList<>();
        for (int s = 0; s < sides; s++) {
            Tree tree = new Tree();
            Map<List<String>, Long> childTotals = new LinkedHashMap<>();
            for (List<Node> level : levels.subList(Math.min(1, levels.size()), levels.size())) {
                for (Node node : level) {
                    if (node.self[s] > 0) {
                        tree.insert(node.stack, node.self[s]);
                    }
                    childTotals.merge(node.stack.subList(0, node.stack.size() - 1), node.total[s], Long::sum);
                }
            }
            assertEquals(levels.get(0).get(0).total[s], childTotals.getOrDefault(List.of(), 0L), "root total");
            for (List<Node> level : levels) {
                for (Node node : level) {
                    assertEquals(node.total[s], node.self[s] + childTotals.getOrDefault(node.stack, 0L),
                            "total = self + children at " + node.stack);
                }
            }
            trees.add(tree);
        }
        return trees;
    }
}
