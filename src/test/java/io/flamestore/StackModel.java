package io.flamestore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The naive model of a tree: a map from stack string ({@code ;}-joined frames) to summed value, and
 * every other quantity computed from it by brute force.
 */
final class StackModel {
    private final Map<String, Long> values = new HashMap<>();

    static StackModel of(List<Generators.Sample> samples) {
        StackModel model = new StackModel();
        for (Generators.Sample sample : samples) {
            model.values.merge(sample.stack(), sample.value(), Math::addExact);
        }
        return model;
    }

    /** Stacks with a positive summed value. */
    Map<String, Long> stacks() {
        Map<String, Long> positive = new HashMap<>();
        values.forEach((stack, value) -> {
            if (value > 0) {
                positive.put(stack, value);
            }
        });
        return positive;
    }

    long total() {
        return values.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
    }

    long self(String stack) {
        return values.getOrDefault(stack, 0L);
    }

    /** Sum over the stacks that are {@code prefix} or start with {@code prefix;}. */
    long total(String prefix) {
        long total = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            if (isPrefix(prefix, e.getKey())) {
                total = Math.addExact(total, e.getValue());
            }
        }
        return total;
    }

    /** Every stack prefix that has a positive total: the nodes the tree must have. */
    Set<String> nodes() {
        Set<String> nodes = new HashSet<>();
        stacks().keySet().forEach(stack -> nodes.addAll(prefixes(stack)));
        return nodes;
    }

    static boolean isPrefix(String prefix, String stack) {
        return stack.equals(prefix) || stack.startsWith(prefix + ";");
    }

    /** {@code a}, {@code a;b}, {@code a;b;c} for {@code a;b;c}. */
    static Set<String> prefixes(String stack) {
        Set<String> prefixes = new HashSet<>();
        for (int i = stack.indexOf(';'); i >= 0; i = stack.indexOf(';', i + 1)) {
            prefixes.add(stack.substring(0, i));
        }
        prefixes.add(stack);
        return prefixes;
    }

    /** Folded text as a map, splitting each line on its last space: independent of the parser. */
    static Map<String, Long> parseLines(String folded) {
        Map<String, Long> stacks = new HashMap<>();
        for (String line : folded.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            Long old = stacks.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            if (old != null) {
                throw new AssertionError("stack written twice: " + line);
            }
        }
        return stacks;
    }
}
