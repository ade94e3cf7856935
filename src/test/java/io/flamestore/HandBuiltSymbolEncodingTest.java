package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-built symbol-table encodings with a valid CRC-32C but a broken structure. */
class HandBuiltSymbolEncodingTest {

    private static Corruption.Bytes raw() {
        return new Corruption.Bytes().ascii("FSYM").u8(1, 0);
    }

    private static CorruptDataException rejects(byte[] encoded, String... messageParts) {
        CorruptDataException e = Corruption.assertCorrupt(SymbolTrie::decode, encoded, String.join(", ", messageParts));
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should mention \"" + part + "\"");
        }
        return e;
    }

    @Test
    void handBuiltBaselineMatchesTheEncoder() throws CorruptDataException {
        SymbolTrie expected = new SymbolTrie();
        expected.intern("a");
        expected.intern("bü");
        byte[] baseline = raw().varint(2).utf8("a").u8(0).utf8("bü").u8(0).sealed();
        assertArrayEquals(expected.encode(), baseline, "the builder writes what the encoder writes");
        SymbolTrie decoded = SymbolTrie.decode(baseline);
        assertEquals("bü", decoded.name(1));

        byte[] body = new Corruption.Bytes().varint(2).utf8("a").u8(0).utf8("bü").u8(0).toArray();
        SymbolTrie inflated = SymbolTrie.decode(new Corruption.Bytes().ascii("FSYM").u8(1, 1).varint(body.length)
                .raw(Corruption.deflate(body)).sealed());
        assertEquals(1, inflated.find("bü"), "a deflate stream that does not use the preset dictionary is fine");
    }

    @Test
    void headerProblems() {
        assertEquals(0, rejects(new Corruption.Bytes().ascii("FSTR").u8(1, 0).varint(0).sealed(),
                "bad magic 'FSTR'", "expected 'FSYM'").offset());
        assertEquals(4, rejects(new Corruption.Bytes().ascii("FSYM").u8(2, 0).varint(0).sealed(),
                "version 2").offset());
        rejects(new Corruption.Bytes().ascii("FSYM").u8(1, 2).varint(0).sealed(), "unknown body encoding 2");
        rejects(new Corruption.Bytes().ascii("FSYM").u8(1).sealed(), "only 9 bytes");
    }

    @Test
    void nameProblems() {
        rejects(raw().varint(2).utf8("a").u8(0).utf8("a").u8(0).sealed(), "name for id 1 repeats the name of id 0");
        assertEquals(9, rejects(raw().varint(2).utf8("a").u8(0).u8(0).u8(0).sealed(), "empty name for id 1").offset(),
                "header 5, flag 1, count 1, \"a\" 0: the empty name starts at byte 9");
        rejects(raw().varint(1).u8(0xFF, 0x41, 0).sealed(), "name for id 0 is not valid UTF-8");
        rejects(raw().varint(1).u8(0xED, 0xA0, 0x80, 0).sealed(), "not valid UTF-8");
        rejects(raw().varint(1).u8(0xC0, 0xAF, 0).sealed(), "not valid UTF-8");
        rejects(raw().varint(2).utf8("a").u8(0).utf8("bc").sealed(), "name for id 1 has no terminating zero byte");
        rejects(raw().varint(50).utf8("a").u8(0).sealed(), "name count 50 exceeds limit");
        rejects(raw().varint(1).utf8("a").u8(0).utf8("b").sealed(), "1 unexpected bytes after the symbol table");
    }

    @Test
    void deflatedBodyProblems() {
        byte[] body = new Corruption.Bytes().varint(2).utf8("a").u8(0).utf8("b").u8(0).toArray();
        rejects(new Corruption.Bytes().ascii("FSYM").u8(1, 1).varint(body.length + 3)
                .raw(Corruption.deflate(body)).sealed(), "does not inflate to exactly " + (body.length + 3));
        rejects(new Corruption.Bytes().ascii("FSYM").u8(1, 1).varint(body.length - 2)
                .raw(Corruption.deflate(body)).sealed(), "does not inflate to exactly " + (body.length - 2));
        rejects(new Corruption.Bytes().ascii("FSYM").u8(1, 1).varint(5).u8(0xFF, 0xFF).sealed(),
                "invalid deflate stream");
    }
}
