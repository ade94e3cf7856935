package io.flamestore.internal.tree;

import io.flamestore.Tree;

/**
 * The primitive tables behind a public {@link Tree}, for the storage engine: it maps a put's nodes
 * onto a partition's paths and builds read trees straight into tables, with no detour through
 * frame-name strings per node. {@code Tree} installs the bridge as it is initialised, which keeps
 * its tables out of the public API.
 */
public final class TreeTables {
    /** What {@code Tree} lends this package. */
    public interface Bridge {
        NameTable names(Tree tree);

        NodeTable nodes(Tree tree);

        /** A tree over the given tables, whose totals are already summed. */
        Tree wrap(NameTable names, NodeTable nodes);
    }

    private static volatile Bridge bridge;

    private TreeTables() {
    }

    /** Called once, by {@code Tree}'s static initialiser. */
    public static void install(Bridge tree) {
        if (bridge != null) {
            throw new IllegalStateException("tree bridge already installed");
        }
        bridge = tree;
    }

    public static NameTable names(Tree tree) {
        return bridge().names(tree);
    }

    public static NodeTable nodes(Tree tree) {
        return bridge().nodes(tree);
    }

    public static Tree wrap(NameTable names, NodeTable nodes) {
        return bridge().wrap(names, nodes);
    }

    private static Bridge bridge() {
        if (bridge == null) {
            try { // a tree is built before any was created: initialising the class installs the bridge
                Class.forName(Tree.class.getName(), true, Tree.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return bridge;
    }
}
