package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SymbolTrie hands out dense, stable ids in first-use order and round-trips through its encoding. */
class SymbolTriePropertyTest {
    /** Pieces that concatenate into names sharing prefixes, and names that are prefixes of others. */
    private static final List<String> PIECES = List.of(
            "a", "b", "ab", "abc", "java/", "java/util/", "java/util/concurrent/", "FutureTask", ".run",
            "$1", "ü", "日本", "Ω", "😀", " ", "x y", "\t", "~", "\u007f", "é");

    static String name(SplittableRandom random) {
        StringBuilder name = new StringBuilder();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            name.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return name.toString();
    }

    @Test
    void idsAreDenseStableAndRoundTrip() {
        PropertyRunner.forAll("SymbolTrie", 400, random -> {
            SymbolTrie trie = new SymbolTrie();
            Map<String, Integer> model = new LinkedHashMap<>();
            int rounds = 1 + random.nextInt(4);
            int perRound = random.nextInt(60);
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < perRound; i++) {
                    String name = name(random);
                    Integer expected = model.computeIfAbsent(name, n -> model.size());
                    assertEquals(expected, trie.intern(name), () -> "id of \"" + name + "\"");
                }
                checkAgainstModel(trie, model, random);
            }

            byte[] encoded = trie.encode();
            SymbolTrie decoded = SymbolTrie.decode(encoded);
            checkAgainstModel(decoded, model, random);
            assertEquals(trie.nodeCount(), decoded.nodeCount(), "trie nodes after round trip");
            assertEquals(trie.labelBytes(), decoded.labelBytes(), "label bytes after round trip");
            assertArrayEquals(encoded, decoded.encode(), "encoding is canonical");

            String fresh = "fresh " + name(random);
            if (!model.containsKey(fresh)) {
                assertEquals(model.size(), decoded.intern(fresh), "next id after decode");
            }
        });
    }

    private static void checkAgainstModel(SymbolTrie trie, Map<String, Integer> model, SplittableRandom random) {
        assertEquals(model.size(), trie.size(), "size()");
        List<String> byId = new ArrayList<>(model.keySet());
        int utf8Bytes = 0;
        for (int id = 0; id < byId.size(); id++) {
            String name = byId.get(id);
            assertEquals(name, trie.name(id), "name(" + id + ")");
            assertEquals(id, trie.find(name), () -> "find(\"" + name + "\")");
            utf8Bytes += name.getBytes(StandardCharsets.UTF_8).length;
        }
        assertTrue(trie.labelBytes() <= utf8Bytes, "labelBytes " + trie.labelBytes() + " > " + utf8Bytes);
        for (int i = 0; i < 30; i++) {
            String candidate = name(random);
            Integer expected = model.get(candidate);
            assertEquals(expected == null ? -1 : expected, trie.find(candidate), () -> "find(\"" + candidate + "\")");
        }
        // every proper prefix of a held name is absent unless it was interned itself
        for (String name : byId) {
            for (int end = 1; end < name.length(); end++) {
                if (Character.isLowSurrogate(name.charAt(end))) {
                    continue;
                }
                String prefix = name.substring(0, end);
                Integer expected = model.get(prefix);
                assertEquals(expected == null ? -1 : expected, trie.find(prefix), () -> "find(\"" + prefix + "\")");
            }
        }
    }

    @Test
    void prefixesOfEachOtherInEveryOrder() throws Exception {
        List<List<String>> orders = List.of(
                List.of("a", "ab", "abc"), List.of("abc", "ab", "a"), List.of("ab", "abc", "a"),
                List.of("abc", "abd", "ab", "a", "b"), List.of("java/util/concurrent/X", "java/util/Y", "java/"));
        for (List<String> order : orders) {
            SymbolTrie trie = new SymbolTrie();
            for (int i = 0; i < order.size(); i++) {
                assertEquals(i, trie.intern(order.get(i)), order + " id of " + order.get(i));
            }
            SymbolTrie decoded = SymbolTrie.decode(trie.encode());
            for (int i = 0; i < order.size(); i++) {
                assertEquals(order.get(i), decoded.name(i), order.toString());
                assertEquals(i, decoded.find(order.get(i)), order.toString());
            }
            assertEquals(-1, decoded.find("abcd"));
            assertEquals(-1, decoded.find("java/util/"));
        }
    }
}
