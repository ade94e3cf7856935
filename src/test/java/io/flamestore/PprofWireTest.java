package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flamestore.internal.proto.ProtoReader;
import io.flamestore.internal.proto.ProtoWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic protobuf reader and writer on their own: every wire type, packed and unpacked, nesting. */
class PprofWireTest {
    @Test
    void varintsOfEverySizeRoundTrip() throws ProfileFormatException {
        long[] values = {0, 1, 127, 128, 300, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        ProtoWriter writer = new ProtoWriter();
        for (long value : values) {
            writer.varint(3, value);
        }
        ProtoReader reader = new ProtoReader(writer.toByteArray(), "test");
        for (long value : values) {
            assertTrue(reader.next());
            assertEquals(3, reader.field());
            assertEquals(value, reader.varint());
        }
        assertFalse(reader.next());
    }

    @Test
    void knownBytesDecode() throws ProfileFormatException {
        // field 1 = 150 (the protobuf documentation's example), field 2 = fixed32, field 3 = fixed64
        byte[] bytes = {0x08, (byte) 0x96, 0x01, 0x15, 1, 0, 0, 0, 0x19, 2, 0, 0, 0, 0, 0, 0, (byte) 0x80};
        ProtoReader reader = new ProtoReader(bytes, "test");
        assertTrue(reader.next());
        assertEquals(150, reader.varint());
        assertTrue(reader.next());
        assertEquals(1, reader.fixed32());
        assertTrue(reader.next());
        assertEquals(0x8000_0000_0000_0002L, reader.fixed64());
        assertFalse(reader.next());
    }

    @Test
    void repeatedVarintsMayMixPackedAndUnpacked() throws ProfileFormatException {
        ProtoWriter writer = new ProtoWriter().varint(1, 5).packedVarints(1, new long[] {6, -7, 8}, 3).varint(1, 9);
        ProtoReader reader = new ProtoReader(writer.toByteArray(), "test");
        List<Long> values = new ArrayList<>();
        while (reader.next()) {
            ProtoReader run = reader.varints();
            while (run.hasRemaining()) {
                values.add(run.nextVarint());
            }
        }
        assertEquals(List.of(5L, 6L, -7L, 8L, 9L), values);
    }

    @Test
    void nestedMessagesAreBoundedAndSkippable() throws ProfileFormatException {
        ProtoWriter inner = new ProtoWriter().string(1, "héllo").bytes(2, new byte[] {1, 2});
        byte[] bytes = new ProtoWriter().message(1, inner).varint(2, 42).toByteArray();
        ProtoReader outer = new ProtoReader(bytes, "test");
        assertTrue(outer.next());
        ProtoReader message = outer.message();
        assertTrue(message.next());
        assertEquals("héllo", message.string());
        assertTrue(message.next());
        message.skip();
        assertFalse(message.next());
        assertTrue(outer.next());
        assertEquals(2, outer.field());
        assertEquals(42, outer.varint());
        assertFalse(outer.next());
        assertArrayEquals(new byte[0], new ProtoWriter().packedVarints(1, new long[0], 0).toByteArray());
    }
}
