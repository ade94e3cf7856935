package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Misuse of Tree and SymbolTrie is refused with an IllegalArgumentException that says why. */
class ApiMisuseTest {

    private static void refused(Executable call, String... messageParts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should mention " + part);
        }
    }

    private static Tree sample() {
        Tree tree = new Tree();
        tree.insert("a;b", 3);
        tree.insert(List.of("a", "c"), 4);
        return tree;
    }

    @Test
    void insertStringRefusesBadStacksAndValues() {
        Tree tree = sample();
        refused(() -> tree.insert((String) null, 1), "null");
        refused(() -> tree.insert("", 1), "empty frame", "index 0");
        refused(() -> tree.insert("a;;b", 1), "empty frame", "index 2", "a;;b");
        refused(() -> tree.insert(";a", 1), "index 0");
        refused(() -> tree.insert("a;", 1), "index 2");
        refused(() -> tree.insert("a;b", -5), "negative", "-5", "a;b");
        assertEquals(sample(), tree, "refused inserts changed the tree");
    }

    @Test
    void insertListRefusesBadStacksAndValues() {
        Tree tree = sample();
        refused(() -> tree.insert((List<String>) null, 1), "at least one frame");
        refused(() -> tree.insert(List.of(), 1), "at least one frame");
        refused(() -> tree.insert(Arrays.asList("a", null), 1), "frame 1", "null");
        refused(() -> tree.insert(List.of("a", ""), 1), "frame 1", "empty");
        refused(() -> tree.insert(List.of("a"), -1), "negative", "-1");
        assertEquals(sample(), tree, "refused inserts changed the tree");
    }

    @Test
    void overflowingTheTotalIsRefusedAndLeavesTheTreeAlone() {
        Tree tree = new Tree();
        tree.insert("a", Long.MAX_VALUE - 1);
        Tree before = tree.copy();
        refused(() -> tree.insert("b", 2), "overflow", String.valueOf(Long.MAX_VALUE - 1));
        refused(() -> tree.insert(List.of("a", "b"), Long.MAX_VALUE), "overflow");
        assertEquals(before, tree);
        assertEquals(0, tree.total("b"));
        tree.insert("b", 1);
        assertEquals(Long.MAX_VALUE, tree.total());

        Tree one = new Tree();
        one.insert("c", 1);
        refused(() -> tree.merge(one), "overflow");
        refused(() -> one.copy().merge(tree), "overflow");
        assertEquals(Long.MAX_VALUE, tree.total());
        assertEquals(2, tree.nodeCount(), "merge refused before touching any node");
        assertEquals(0, tree.total("c"));
    }

    @Test
    void truncateRefusesNegativeSizes() {
        refused(() -> sample().truncate(-1), "maxNodes", "-1");
        Tree zero = sample().truncate(0);
        assertEquals(7, zero.total());
        assertEquals(7, zero.self(Tree.OTHER), "everything folds into one top-level 'other'");
        assertEquals(1, zero.nodeCount());
    }

    @Test
    void symbolTrieRefusesNamesItCannotStore() {
        SymbolTrie trie = new SymbolTrie();
        trie.intern("ok");
        refused(() -> trie.intern(""), "non-empty");
        refused(() -> trie.intern(null), "null");
        refused(() -> trie.intern("a\0b"), "NUL");
        refused(() -> trie.intern("a\uD800b"), "surrogate");
        refused(() -> trie.intern("\uDC00"), "surrogate");
        refused(() -> trie.intern("x\uD83D"), "surrogate");
        refused(() -> trie.find(""), "non-empty");
        assertEquals(1, trie.size(), "refused names were added");
        assertEquals(0, trie.intern("ok"));
        assertEquals(1, trie.intern("\uD83D\uDE00"), "a paired surrogate is a valid name");
        assertEquals("\uD83D\uDE00", trie.name(1));
        refused(() -> trie.name(2), "2");
        refused(() -> trie.name(-1), "-1");
    }
}
