package io.flamestore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one function's cost differs between two trees (say a slow period and a normal one). Shares
 * are fractions of each tree's own total, so that two periods of different length or load compare
 * fairly; a function missing from one side has zero there.
 */
public record FunctionChange(String name, long leftSelf, long rightSelf, long leftTotal, long rightTotal,
        double leftSelfShare, double rightSelfShare, double leftTotalShare, double rightTotalShare) {

    /** The change of the self share, right minus left, in fractions of a total (0.05 = 5 points). */
    public double selfShareChange() {
        return rightSelfShare - leftSelfShare;
    }

    /** The change of the total share, right minus left. */
    public double totalShareChange() {
        return rightTotalShare - leftTotalShare;
    }

    /**
     * Every function of either tree, the largest change of self share first (either direction),
     * then the largest change of total share, then by name.
     */
    public static List<FunctionChange> between(Tree left, Tree right) {
        Map<String, FunctionStats> before = new HashMap<>();
        for (FunctionStats f : left.functions()) {
            before.put(f.name(), f);
        }
        Map<String, FunctionStats> after = new HashMap<>();
        for (FunctionStats f : right.functions()) {
            after.put(f.name(), f);
        }
        List<FunctionChange> changes = new ArrayList<>();
        FunctionStats none = new FunctionStats("", 0, 0);
        for (String name : union(before, after)) {
            FunctionStats l = before.getOrDefault(name, none);
            FunctionStats r = after.getOrDefault(name, none);
            changes.add(new FunctionChange(name, l.self(), r.self(), l.total(), r.total(),
                    share(l.self(), left.total()), share(r.self(), right.total()),
                    share(l.total(), left.total()), share(r.total(), right.total())));
        }
        changes.sort(Comparator.comparingDouble((FunctionChange c) -> -Math.abs(c.selfShareChange()))
                .thenComparingDouble(c -> -Math.abs(c.totalShareChange()))
                .thenComparing(FunctionChange::name));
        return changes;
    }

    private static List<String> union(Map<String, FunctionStats> a, Map<String, FunctionStats> b) {
        List<String> names = new ArrayList<>(a.keySet());
        for (String name : b.keySet()) {
            if (!a.containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static double share(long value, long total) {
        return total == 0 ? 0 : (double) value / total;
    }
}
