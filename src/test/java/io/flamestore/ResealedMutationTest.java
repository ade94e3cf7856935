package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutations that the checksum cannot catch (the CRC is recomputed after editing the body) must be
 * rejected by the structure checks with CorruptDataException, or decode to a valid tree: never an
 * unchecked exception, a huge allocation or an inconsistent result.
 */
class ResealedMutationTest {

    /** Decodes resealed input: a clean CorruptDataException or a self-consistent result. */
    private static void decodesOrFailsCleanly(Corruption.Decoder decoder, byte[] bytes, String what) {
        Object decoded;
        try {
            decoded = decoder.decode(bytes);
        } catch (CorruptDataException e) {
            assertTrue(e.offset() >= 0, what + ": negative offset in " + e.getMessage());
            if (!e.source().contains("inflated")) {
                assertTrue(e.offset() <= bytes.length, what + ": offset past the end in " + e.getMessage());
            }
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": threw " + e + " instead of CorruptDataException", e);
        }
        if (decoded instanceof Tree) {
            Tree tree = (Tree) decoded;
            long[] sum = {0};
            tree.forEachStack((frames, self) -> sum[0] += self);
            assertEquals(tree.total(), sum[0], what + ": total vs stacks of the decoded tree");
        }
    }

    private static void mutateEveryBody(Corruption.Decoder decoder, byte[] encoded, int stride, String what) {
        int[] masks = {0x01, 0x02, 0x10, 0x80, 0xFF, 0x7F};
        for (int position = 0; position < encoded.length - 4; position += stride) {
            for (int mask : masks) {
                decodesOrFailsCleanly(decoder, Corruption.reseal(Corruption.flip(encoded, position, mask)),
                        what + " with byte " + position + " ^ 0x" + Integer.toHexString(mask) + ", resealed");
            }
        }
        for (int length = 4; length < encoded.length; length += stride) {
            decodesOrFailsCleanly(decoder, Corruption.reseal(Arrays.copyOf(encoded, length)),
                    what + " cut to " + length + " bytes, resealed");
        }
    }

    private static void randomMutations(Corruption.Decoder decoder, byte[] encoded, SplittableRandom random,
            String what) {
        byte[] mutated = encoded.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            mutated[5 + random.nextInt(mutated.length - 9)] = (byte) random.nextInt(256);
        }
        decodesOrFailsCleanly(decoder, Corruption.reseal(mutated), what);
    }

    @Test
    void smallTreeAndSymbolTable() {
        SymbolTrie symbols = new SymbolTrie();
        byte[] tree = Corruption.smallTree().encode(symbols);
        mutateEveryBody(bytes -> Tree.decode(bytes, symbols), tree, 1, "small tree");
        mutateEveryBody(SymbolTrie::decode, symbols.encode(), 1, "small symbol table");
    }

    @Test
    void deflatedTreeAndSymbolTable() throws IOException {
        SymbolTrie symbols = new SymbolTrie();
        byte[] tree = Corruption.kafkaTree().encode(symbols);
        byte[] table = symbols.encode();
        mutateEveryBody(bytes -> Tree.decode(bytes, symbols), tree, 97, "kafka tree");
        mutateEveryBody(SymbolTrie::decode, table, 97, "kafka symbol table");
        PropertyRunner.forAll("random resealed mutations", 300, random -> {
            randomMutations(bytes -> Tree.decode(bytes, symbols), tree, random, "kafka tree");
            randomMutations(SymbolTrie::decode, table, random, "kafka symbol table");
        });
    }
}
