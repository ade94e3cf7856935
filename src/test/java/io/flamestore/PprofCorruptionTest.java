package io.flamestore;

import static io.flamestore.PprofFixtures.function;
import static io.flamestore.PprofFixtures.location;
import static io.flamestore.PprofFixtures.sample;
import static io.flamestore.PprofFixtures.strings;
import static io.flamestore.PprofFixtures.valueType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.flamestore.internal.proto.ProtoWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Malformed pprof input fails with a ProfileFormatException naming an offset inside the input, never
 * another exception: every truncation and many byte flips of a small real profile, and one crafted
 * message per kind of problem.
 */
class PprofCorruptionTest {
    private static final int[] MASKS = {0x01, 0x80, 0xFF};

    @Test
    void everyTruncationAndFlipOfARealProfileParsesOrFailsCleanly() throws IOException {
        byte[] gzipped;
        try (InputStream in = PprofCorruptionTest.class.getResourceAsStream("/pprof/parca-single-stack.pb.gz")) {
            assertNotNull(in, "class-path resource /pprof/parca-single-stack.pb.gz");
            gzipped = in.readAllBytes();
        }
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
        assertEquals(7, PprofProfile.read(raw).tree(0).nodeCount(), "the intact profile");
        for (byte[] input : new byte[][] {raw, gzipped}) {
            for (int length = 0; length < input.length; length++) {
                parsesOrFailsCleanly(Arrays.copyOf(input, length), "truncated to " + length + " of " + input.length);
            }
            for (int position = 0; position < input.length; position++) {
                for (int mask : MASKS) {
                    byte[] flipped = input.clone();
                    flipped[position] ^= (byte) mask;
                    parsesOrFailsCleanly(flipped, "byte " + position + " ^ 0x" + Integer.toHexString(mask));
                }
            }
        }
    }

    private static void parsesOrFailsCleanly(byte[] input, String what) {
        try {
            PprofProfile profile = PprofProfile.read(input);
            for (int t = 0; t < profile.sampleTypes().size(); t++) {
                profile.tree(t);
                profile.treesByLabels(t, Set.of("a"));
                profile.metadata(t);
            }
        } catch (ProfileFormatException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= input.length, what + ": offset outside the input: " + e);
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
        }
    }

    @Test
    void lengthPastTheEnd() {
        assertFails(new byte[] {0x0A, 0x05, 0x08}, 1, "length 5 exceeds the 1 bytes left");
    }

    @Test
    void varintLongerThanTenBytes() {
        byte[] input = new byte[12];
        Arrays.fill(input, (byte) 0xFF);
        input[0] = 0x48; // field 9 (time_nanos), varint
        assertFails(input, 1, "varint longer than ten bytes");
    }

    @Test
    void groupWireTypeIsRefused() {
        assertFails(new byte[] {0x3B, 0x00}, 0, "unsupported wire type 3");
    }

    @Test
    void wrongWireTypeForAKnownField() {
        assertFails(new byte[] {0x49, 0, 0, 0, 0, 0, 0, 0, 0}, 0, "field 9: wire type 1 where 0 was expected");
    }

    @Test
    void stringIndexOutsideTheTable() {
        byte[] input = strings(new ProtoWriter().message(1, valueType(1, 9)), "", "cpu").toByteArray();
        assertFails(input, 0, "string index 9 is outside the string table of 2 entries");
    }

    @Test
    void sampleReferringToAMissingLocation() {
        assertFails(new ProtoWriter().message(2, sample(new long[] {4}, 1)).toByteArray(), 0,
                "sample refers to location id 4, which does not exist");
    }

    @Test
    void locationReferringToAMissingFunction() {
        assertFails(new ProtoWriter().message(4, location(1, 3)).toByteArray(), 0,
                "location refers to function id 3, which does not exist");
    }

    @Test
    void duplicateFunctionIds() {
        byte[] input = strings(new ProtoWriter().message(5, function(4, 1)).message(5, function(4, 1)), "", "f")
                .toByteArray();
        assertFails(input, 6, "function id 4 is used twice");
    }

    @Test
    void valueCountDifferentFromTheSampleTypes() {
        byte[] input = strings(new ProtoWriter().message(1, valueType(1, 2)).message(2, sample(new long[0], 1, 2)),
                "", "samples", "count").toByteArray();
        assertFails(input, 6, "sample has 2 values but the profile has 1 sample types");
    }

    @Test
    void valuesOverflowingTheTotal() {
        ProtoWriter p = new ProtoWriter().message(2, sample(new long[0], Long.MAX_VALUE)).message(2, sample(new long[0], 1));
        assertFails(p.toByteArray(), 13, "add up to more than 64 bits hold");
    }

    @Test
    void corruptGzip() {
        byte[] input = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> PprofProfile.read(input));
        assertTrue(e.getMessage().contains("gzip data is corrupt or truncated"), e.getMessage());
    }

    private static void assertFails(byte[] input, long offset, String problem) {
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> PprofProfile.read(input));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().startsWith("pprof profile at offset " + offset + ": "), e.getMessage());
    }
}
