package io.flamestore;

import io.flamestore.internal.tree.NodeTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.HashMap;

/**
 * The decoded samples of a pprof profile: each sample's stack as frame numbers, root first, its
 * values (one per sample type) and its string labels. Trees are built from these on demand, so a
 * profile with several sample types or label sets is decoded once.
 */
final class PprofSamples {
    private final String[] frameNames;
    private final int[] stackStart;
    private final int[] frames;
    private final long[] values;
    private final int typeCount;
    private final int[] labelSetOf;
    private final List<Map<String, String>> labelSets;
    private final long[] negatives;

    /**
     * Sample {@code s} has frames {@code frames[stackStart[s], stackStart[s + 1])}, naming
     * {@code frameNames}, values {@code values[s * typeCount, (s + 1) * typeCount)} and the labels
     * {@code labelSets.get(labelSetOf[s])}. The positive values of each type are known to add up
     * within 64 bits; {@code negatives[t]} counts the values of type {@code t} below zero.
     */
    PprofSamples(String[] frameNames, int[] stackStart, int[] frames, long[] values, int typeCount,
            int[] labelSetOf, List<Map<String, String>> labelSets, long[] negatives) {
        this.frameNames = frameNames;
        this.stackStart = stackStart;
        this.frames = frames;
        this.values = values;
        this.typeCount = typeCount;
        this.labelSetOf = labelSetOf;
        this.labelSets = labelSets;
        this.negatives = negatives;
    }

    int count() {
        return labelSetOf.length;
    }

    long negatives(int type) {
        return negatives[type];
    }

    long value(int sample, int type) {
        return values[sample * typeCount + type];
    }

    /** Every sample's positive value of {@code type} merged into one tree. */
    Tree tree(int type) {
        Builder builder = new Builder();
        for (int s = 0; s < count(); s++) {
            builder.add(s, value(s, type));
        }
        return builder.tree;
    }

    /** One tree per distinct set of the labels named in {@code keep}; samples lacking them all share the empty set. */
    Map<Map<String, String>, Tree> treesByLabels(int type, Set<String> keep) {
        List<Map<String, String>> projected = projectLabelSets(keep);
        Map<Map<String, String>, Builder> builders = new LinkedHashMap<>();
        for (int s = 0; s < count(); s++) {
            long value = value(s, type);
            if (value > 0) {
                builders.computeIfAbsent(projected.get(labelSetOf[s]), labels -> new Builder()).add(s, value);
            }
        }
        Map<Map<String, String>, Tree> trees = new LinkedHashMap<>();
        builders.forEach((labels, builder) -> trees.put(labels, builder.tree));
        return trees;
    }

    /** The names of the string labels any sample carries. */
    SortedSet<String> labelNames() {
        SortedSet<String> names = new TreeSet<>();
        for (Map<String, String> labels : labelSets) {
            names.addAll(labels.keySet());
        }
        return names;
    }

    /** Each label set reduced to the labels in {@code keep}, by label set id. */
    private List<Map<String, String>> projectLabelSets(Set<String> keep) {
        List<Map<String, String>> projected = new ArrayList<>(labelSets.size());
        for (Map<String, String> labels : labelSets) {
            Map<String, String> kept = new HashMap<>(labels);
            kept.keySet().retainAll(keep);
            projected.add(Map.copyOf(kept));
        }
        return projected;
    }

    /** Inserts samples into one tree, interning each frame name in it only once. */
    private final class Builder {
        final Tree tree = new Tree();
        private final int[] nameIds = new int[frameNames.length];

        Builder() {
            Arrays.fill(nameIds, -1);
        }

        void add(int sample, long value) {
            if (value <= 0) {
                return;
            }
            int node = NodeTable.ROOT;
            tree.nodes.addTotal(node, value);
            for (int i = stackStart[sample]; i < stackStart[sample + 1]; i++) {
                int frame = frames[i];
                if (nameIds[frame] < 0) {
                    nameIds[frame] = tree.names.intern(frameNames[frame]);
                }
                node = tree.nodes.childOrAdd(node, nameIds[frame]);
                tree.nodes.addTotal(node, value);
            }
            tree.nodes.addSelf(node, value);
        }
    }
}
