package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every single-byte flip and every truncation of an encoded tree or symbol table is detected: the
 * decoder throws CorruptDataException with an offset inside the input, never another exception and
 * never a wrong result.
 */
class CorruptionFuzzTest {
    private static final int[] MASKS = {0x01, 0xFF};

    private static void flipsAndTruncationsAreDetected(Corruption.Decoder decoder, byte[] encoded, int stride,
            String what) {
        for (int position = 0; position < encoded.length; position += stride) {
            for (int mask : MASKS) {
                Corruption.assertCorrupt(decoder, Corruption.flip(encoded, position, mask),
                        what + " with byte " + position + " ^ 0x" + Integer.toHexString(mask));
            }
        }
        for (int length = 0; length < encoded.length; length += stride) {
            Corruption.assertCorrupt(decoder, Arrays.copyOf(encoded, length),
                    what + " truncated to " + length + " of " + encoded.length + " bytes");
        }
    }

    @Test
    void smallTreeDetectsEveryFlipAndTruncation() throws CorruptDataException {
        Tree tree = Corruption.smallTree();
        assertTrue(tree.nodeCount() >= 10 && tree.nodeCount() <= 20, "nodes: " + tree.nodeCount());
        SymbolTrie symbols = new SymbolTrie();
        byte[] encoded = tree.encode(symbols);
        assertEquals(0, encoded[5], "the small tree's body is stored raw");
        assertEquals(tree, Tree.decode(encoded, symbols), "the unbroken encoding decodes");
        flipsAndTruncationsAreDetected(bytes -> Tree.decode(bytes, symbols), encoded, 1, "small tree");
    }

    @Test
    void smallSymbolTableDetectsEveryFlipAndTruncation() throws CorruptDataException {
        SymbolTrie symbols = new SymbolTrie();
        Corruption.smallTree().encode(symbols);
        byte[] encoded = symbols.encode();
        assertEquals(0, encoded[5], "the small symbol table is stored raw");
        assertEquals(symbols.size(), SymbolTrie.decode(encoded).size(), "the unbroken encoding decodes");
        flipsAndTruncationsAreDetected(SymbolTrie::decode, encoded, 1, "small symbol table");
    }

    @Test
    void deflatedTreeAndSymbolTableDetectFlipsAndTruncations() throws IOException {
        Tree tree = Corruption.kafkaTree();
        SymbolTrie symbols = new SymbolTrie();
        byte[] encodedTree = tree.encode(symbols);
        byte[] encodedSymbols = symbols.encode();
        assertEquals(1, encodedTree[5], "the real tree's body is deflated");
        assertEquals(1, encodedSymbols[5], "the real symbol table is deflated");
        assertEquals(tree, Tree.decode(encodedTree, symbols), "the unbroken encoding decodes");
        flipsAndTruncationsAreDetected(bytes -> Tree.decode(bytes, symbols), encodedTree, 7, "kafka tree");
        flipsAndTruncationsAreDetected(SymbolTrie::decode, encodedSymbols, 7, "kafka symbol table");
    }

    @Test
    void offsetsAreRelativeToTheRegionInsideALargerBuffer() throws CorruptDataException {
        SymbolTrie symbols = new SymbolTrie();
        byte[] encoded = Corruption.smallTree().encode(symbols);
        byte[] padded = new byte[encoded.length + 20];
        System.arraycopy(encoded, 0, padded, 10, encoded.length);
        padded[10] ^= 0x01;
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Tree.decode(ByteBuffer.wrap(padded), 10, encoded.length, symbols));
        assertEquals(encoded.length - 4, e.offset(), "the checksum mismatch is reported at the trailer");
        assertEquals("encoded tree", e.source());
    }
}
