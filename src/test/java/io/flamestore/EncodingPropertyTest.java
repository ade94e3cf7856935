package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Encoding commutes with merging, with one shared symbol table and with a decoded copy of it. */
class EncodingPropertyTest {

    @Test
    void mergeThenEncodeEqualsDecodeThenMerge() {
        PropertyRunner.forAll("encode/merge commute", 300, random -> {
            Tree a = Generators.tree(Generators.samples(random, 50), random);
            Tree b = Generators.tree(Generators.samples(random, 50), random);
            SymbolTrie symbols = new SymbolTrie();
            byte[] encodedA = a.encode(symbols);
            byte[] encodedB = b.encode(symbols);

            Tree merged = a.copy().merge(b);
            byte[] encodedMerged = merged.encode(symbols);
            Tree decodedThenMerged = Tree.decode(encodedA, symbols).merge(Tree.decode(encodedB, symbols));
            assertEquals(merged, decodedThenMerged, "decode(a)+decode(b) vs a+b");
            assertEquals(merged, Tree.decode(encodedMerged, symbols), "decode(encode(a+b))");
            assertArrayEquals(encodedMerged, decodedThenMerged.encode(symbols), "encoding is canonical");

            SymbolTrie copy = SymbolTrie.decode(symbols.encode());
            assertEquals(symbols.size(), copy.size(), "symbol count after round trip");
            Tree a2 = Tree.decode(encodedA, copy);
            Tree b2 = Tree.decode(encodedB, copy);
            assertEquals(a, a2, "a with the decoded trie");
            assertEquals(b, b2, "b with the decoded trie");
            assertEquals(merged, a2.merge(b2), "merge with the decoded trie");
            assertArrayEquals(encodedMerged, merged.encode(copy), "same ids in the decoded trie");
        });
    }

    @Test
    void decodesWithAGrownSymbolTableAndFromTheMiddleOfABuffer() {
        PropertyRunner.forAll("decode with grown trie", 200, random -> {
            Tree tree = Generators.tree(Generators.samples(random, 40), random);
            SymbolTrie symbols = new SymbolTrie();
            for (int i = random.nextInt(4); i > 0; i--) {
                symbols.intern(Generators.FRAMES.get(random.nextInt(Generators.FRAMES.size())) + "#" + i);
            }
            byte[] encoded = tree.encode(symbols);
            for (int i = random.nextInt(10); i > 0; i--) {
                symbols.intern("later " + random.nextInt(1000));
            }
            assertEquals(tree, Tree.decode(encoded, symbols), "grown trie");

            int before = random.nextInt(20);
            ByteBuffer buffer = ByteBuffer.allocate(before + encoded.length + random.nextInt(20));
            for (int i = 0; i < buffer.capacity(); i++) {
                buffer.put(i, (byte) random.nextInt(256));
            }
            buffer.put(before, encoded);
            int end = before + encoded.length;
            int limit = end + random.nextInt(buffer.capacity() - end + 1);
            buffer.position(3).limit(limit);
            assertEquals(tree, Tree.decode(buffer, before, encoded.length, symbols), "from inside a buffer");
            assertEquals(3, buffer.position(), "decode moved the buffer's position");
            assertEquals(limit, buffer.limit(), "decode moved the buffer's limit");

            // a region that runs past the buffer's limit is misuse, not corrupt data
            buffer.limit(end - 1 - random.nextInt(4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tree.decode(buffer, before, encoded.length, symbols));
            assertTrue(e.getMessage().contains("limit " + buffer.limit()), e.getMessage());
        });
    }
}
