package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Hand-built tree encodings with a valid CRC-32C but a broken structure: each must fail with a
 * CorruptDataException that names the problem. Symbols: a=0, b=1, c=2.
 */
class HandBuiltTreeEncodingTest {
    private final SymbolTrie symbols = symbols();

    private static SymbolTrie symbols() {
        SymbolTrie trie = new SymbolTrie();
        trie.intern("a");
        trie.intern("b");
        trie.intern("c");
        return trie;
    }

    /** Header, raw-body flag, then {@code body} varints. */
    private static Corruption.Bytes raw(long... body) {
        return new Corruption.Bytes().ascii("FSTR").u8(1, 0).varint(body);
    }

    /** "a;b 5": two nodes, one top-level; a has one child and no self, b is a leaf with self 5. */
    private static final long[] A_B_5 = {2, 1, /* a */ 1, 2, /* b */ 2, 1, 5};

    private CorruptDataException rejects(byte[] encoded, String... messageParts) {
        CorruptDataException e = Corruption.assertCorrupt(bytes -> Tree.decode(bytes, symbols), encoded,
                String.join(", ", messageParts));
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should mention \"" + part + "\"");
        }
        return e;
    }

    @Test
    void handBuiltBaselineMatchesTheEncoder() throws Exception {
        Tree expected = Tree.parseFolded("a;b 5");
        byte[] baseline = raw(A_B_5).sealed();
        assertArrayEquals(expected.encode(symbols()), baseline, "the builder writes what the encoder writes");
        assertEquals(expected, Tree.decode(baseline, symbols));
        byte[] body = new Corruption.Bytes().varint(A_B_5).toArray();
        byte[] deflated = new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(body.length)
                .raw(Corruption.deflate(body)).sealed();
        assertEquals(expected, Tree.decode(deflated, symbols), "a deflated body decodes too");
    }

    @Test
    void headerProblems() {
        byte[] baseline = raw(A_B_5).toArray();
        baseline[3] = 'X';
        assertEquals(0, rejects(Corruption.seal(baseline), "bad magic 'FSTX'", "expected 'FSTR'").offset());
        assertEquals(4, rejects(new Corruption.Bytes().ascii("FSTR").u8(99, 0).varint(A_B_5).sealed(),
                "version 99").offset());
        assertEquals(5, rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 7).varint(A_B_5).sealed(),
                "unknown body encoding 7").offset());
        assertEquals(0, rejects(new Corruption.Bytes().ascii("FSYM").u8(1, 0).varint(A_B_5).sealed(),
                "bad magic 'FSYM'").offset(), "a symbol table is not a tree");
        assertEquals(0, rejects(new Corruption.Bytes().u8(0, 0, 0, 0, 0, 0, 0).sealed(), "only 11 bytes").offset());
    }

    @Test
    void checksumMismatchIsReportedAtTheTrailer() {
        byte[] encoded = raw(A_B_5).sealed();
        encoded[encoded.length - 1] ^= 0x40;
        assertEquals(encoded.length - 4, rejects(encoded, "checksum mismatch").offset());
    }

    @Test
    void nodeProblems() {
        rejects(raw(2, 2, /* a */ 1, 1, 1, /* a again */ 0, 1, 1).sealed(), "sibling symbol repeated (0)");
        rejects(raw(2, 5, 1, 1, 1, 1, 1, 1).sealed(), "root child count 5 exceeds limit 2");
        rejects(raw(2, 1, /* a with 5 children */ 1, 10, /* b */ 2, 1, 1).sealed(), "node shape 10 exceeds limit 3");
        rejects(raw(1, 1, /* symbol 3 */ 4, 1, 1).sealed(), "symbol id delta 4 exceeds limit 3");
        rejects(raw(2, 2, /* c */ 3, 1, 1, /* c + 1 */ 1, 1, 1).sealed(), "symbol id delta 1 exceeds limit 0");
        rejects(raw(1, 1, /* a */ 1, 0).sealed(), "leaf node without samples");
        rejects(raw(1, 1, /* a */ 1, 1, 0).sealed(), "self value flagged but zero");
        rejects(raw(100, 1, 1, 1, 1).sealed(), "node count 100 exceeds limit");
        rejects(raw(2, 1, /* a, a leaf */ 1, 1, 1, /* b */ 2, 1, 1).sealed(), "node 1 of 2 has no parent");
        rejects(raw(2, 2, /* a with 1 child */ 1, 2, /* b */ 2, 1, 1).sealed(), "1 child nodes missing");
        rejects(raw(2, 1, 1, 2, 2, 1).sealed(), "unexpected end of data");
        rejects(raw(2, 1, 1, 2, 2, 1, 5, 0).sealed(), "1 unexpected bytes after the tree");
    }

    @Test
    void valueProblems() {
        rejects(raw(2, 2, 1, 1, Long.MAX_VALUE, 1, 1, Long.MAX_VALUE).sealed(), "overflow");
        rejects(raw(2, 1, 1, 3, Long.MAX_VALUE, 2, 1, 1).sealed(), "overflow");
        rejects(raw(1, 1, 1, 1).u8(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).sealed(),
                "varint longer than 64 bits");
        rejects(raw(1, 1, 1, 1).u8(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).sealed(),
                "exceeds limit " + Long.MAX_VALUE);
    }

    @Test
    void deflatedBodyProblems() {
        byte[] body = new Corruption.Bytes().varint(A_B_5).toArray();
        byte[] deflated = Corruption.deflate(body);
        CorruptDataException more = rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(body.length + 10)
                .raw(deflated).sealed(), "does not inflate to exactly " + (body.length + 10) + " bytes");
        assertEquals(7, more.offset(), "the error points at the deflate stream");
        rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(body.length - 1).raw(deflated).sealed(),
                "does not inflate to exactly " + (body.length - 1) + " bytes");
        rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(body.length).raw(deflated).u8(0, 0).sealed(),
                "does not inflate to exactly");
        rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(body.length)
                .raw(Arrays.copyOf(deflated, deflated.length - 1)).sealed(), "does not inflate to exactly");
        rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(4).u8(0xFF, 0xFF, 0xFF).sealed(),
                "invalid deflate stream");
        rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(1L << 30).u8(0x03, 0x00).sealed(),
                "inflated body length 1073741824 exceeds limit");

        byte[] leaf = new Corruption.Bytes().varint(1, 1, 1, 0).toArray();
        CorruptDataException inside = rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 1).varint(leaf.length)
                .raw(Corruption.deflate(leaf)).sealed(), "leaf node without samples");
        assertEquals("encoded tree (inflated body)", inside.source());
        assertEquals(2, inside.offset(), "offset within the inflated body");
    }

    @Test
    void decodingWithTooSmallASymbolTableIsCorruption() throws ProfileFormatException {
        SymbolTrie big = new SymbolTrie();
        for (String name : new String[] {"z", "y", "x", "w", "a", "b"}) {
            big.intern(name);
        }
        byte[] encoded = Tree.parseFolded("a;b 5").encode(big);
        rejects(encoded, "symbol id delta 5 exceeds limit 3");
        Corruption.assertCorrupt(bytes -> Tree.decode(bytes, new SymbolTrie()), encoded, "empty table");
    }
}
