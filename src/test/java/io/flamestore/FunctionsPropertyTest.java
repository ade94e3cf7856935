package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** functions() sums self by leaf frame and total by stack, counting a recursive stack once. */
class FunctionsPropertyTest {

    @Test
    void functionStatsMatchTheModel() {
        PropertyRunner.forAll("functions()", 400, random -> {
            List<Generators.Sample> samples = Generators.samples(random, 60);
            Map<String, Long> stacks = StackModel.of(samples).stacks();
            Tree tree = Generators.tree(samples, random);

            Map<String, Long> self = new HashMap<>();
            Map<String, Long> total = new HashMap<>();
            stacks.forEach((stack, value) -> {
                String[] frames = stack.split(";");
                self.merge(frames[frames.length - 1], value, Math::addExact);
                for (String name : new HashSet<>(Arrays.asList(frames))) {
                    total.merge(name, value, Math::addExact);
                    self.putIfAbsent(name, 0L);
                }
            });

            List<FunctionStats> functions = tree.functions();
            Set<String> seen = new HashSet<>();
            for (FunctionStats f : functions) {
                assertTrue(seen.add(f.name()), "listed twice: " + f.name());
                assertEquals(self.get(f.name()), f.self(), () -> "self of " + f.name());
                assertEquals(total.get(f.name()), f.total(), () -> "total of " + f.name());
            }
            assertEquals(total.keySet(), seen, "functions listed");
            for (int i = 1; i < functions.size(); i++) {
                FunctionStats a = functions.get(i - 1);
                FunctionStats b = functions.get(i);
                boolean ordered = a.self() > b.self()
                        || a.self() == b.self() && (a.total() > b.total()
                        || a.total() == b.total() && a.name().compareTo(b.name()) < 0);
                assertTrue(ordered, "out of order: " + a + " before " + b);
            }
        });
    }

    @Test
    void recursiveStackCountsOnceInTotal() throws Exception {
        Tree tree = Tree.parseFolded("a;b;a;b;a 5\na;c 2\nb 1\n");
        Map<String, FunctionStats> byName = new HashMap<>();
        tree.functions().forEach(f -> byName.put(f.name(), f));
        assertEquals(new FunctionStats("a", 5, 7), byName.get("a"));
        assertEquals(new FunctionStats("b", 1, 6), byName.get("b"));
        assertEquals(new FunctionStats("c", 2, 2), byName.get("c"));
        assertEquals(List.of("a", "c", "b"), tree.functions().stream().map(FunctionStats::name).toList());
    }
}
