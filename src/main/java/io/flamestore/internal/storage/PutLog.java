package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.ByteWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a put that spans several 10 s slots one unit: before its first slot is written, the
 * put's series, slots and each slot's entry as it was are appended here; after its last slot, an
 * end mark. On open, a put begun but not ended (the process was killed between its slots) is rolled
 * back by restoring those entries. A {@link RecordLog} ({@code puts.log}, magic {@code FSPT}):
 * <pre>
 * begin := 0x01 id:varint series:varint count:varint (slot:varint before)*
 * before := 0x00                    the slot had no entry
 *         | 0x01 entry:byte[32]     the slot's index entry (see NodeEntry)
 * end   := 0x02 id:varint
 * </pre>
 * The log is emptied whenever no put is in flight and it has grown past {@link #RESET_BYTES}, so it
 * stays small.
 */
final class PutLog implements AutoCloseable {
    static final String FILE = "puts.log";
    private static final int BEGIN = 1;
    private static final int END = 2;
    private static final long RESET_BYTES = 1 << 20;

    /** One multi-slot put as logged: the slots it writes and their entries before it. */
    record Begun(long id, int series, long[] slots, NodeEntry[] before) {
    }

    private final Path file;
    private final Map<Long, Begun> unfinished = new LinkedHashMap<>();
    private RecordLog log;
    private long nextId;
    private int inFlight;
    private long appended;

    private PutLog(Path file) {
        this.file = file;
    }

    static PutLog open(Path dir) throws IOException {
        PutLog puts = new PutLog(dir.resolve(FILE));
        puts.log = RecordLog.open(puts.file, "FSPT", puts::replay);
        return puts;
    }

    /** The puts the log began and never ended, oldest first: to be rolled back, then {@link #reset}. */
    synchronized List<Begun> unfinished() {
        return new ArrayList<>(unfinished.values());
    }

    /** Records a put about to write {@code slots} of {@code series}, whose entries are now {@code before}. */
    synchronized long begin(int series, long[] slots, NodeEntry[] before) throws IOException {
        long id = nextId++;
        ByteWriter out = new ByteWriter(16 + slots.length * (NodeEntry.BYTES + 10));
        out.writeByte(BEGIN).writeVarLong(id).writeVarLong(series).writeVarLong(slots.length);
        for (int i = 0; i < slots.length; i++) {
            out.writeVarLong(slots[i]);
            if (before[i] == null) {
                out.writeByte(0);
            } else {
                byte[] entry = before[i].toBytes();
                out.writeByte(1).writeBytes(entry, 0, entry.length);
            }
        }
        append(out.toByteArray());
        inFlight++;
        return id;
    }

    /** Records that put {@code id} wrote all its slots (or was rolled back). */
    synchronized void end(long id) throws IOException {
        inFlight--;
        append(new ByteWriter(12).writeByte(END).writeVarLong(id).toByteArray());
        if (inFlight == 0 && appended > RESET_BYTES) {
            reset();
        }
    }

    /** Empties the log; only when no put is in flight (at open, after roll-back, or from {@link #end}). */
    synchronized void reset() throws IOException {
        log.reset();
        unfinished.clear();
        appended = 0;
    }

    void sync() throws IOException {
        log.sync();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    private void append(byte[] record) throws IOException {
        log.append(record);
        appended += record.length;
    }

    private void replay(ByteBuffer payload, long offset) throws CorruptDataException {
        ByteReader in = new ByteReader(payload, 0, payload.limit(), file.toString());
        int type = in.readByte();
        long id = in.readVarLong(Long.MAX_VALUE, "put id");
        nextId = Math.max(nextId, id + 1);
        if (type == END) {
            unfinished.remove(id);
        } else if (type == BEGIN) {
            int series = in.readVarInt(Integer.MAX_VALUE, "series id");
            int count = in.readVarInt(in.remaining() / 2, "slot count");
            long[] slots = new long[count];
            NodeEntry[] before = new NodeEntry[count];
            for (int i = 0; i < count; i++) {
                slots[i] = in.readVarLong(Long.MAX_VALUE, "slot index");
                int flag = in.readByte();
                if (flag > 1) {
                    throw new CorruptDataException(file.toString(), offset, "unknown slot-entry flag " + flag);
                }
                if (flag == 1) {
                    byte[] entry = new byte[NodeEntry.BYTES];
                    in.readBytes(entry, 0, entry.length);
                    before[i] = NodeEntry.fromBytes(entry);
                }
            }
            unfinished.put(id, new Begun(id, series, slots, before));
        } else {
            throw new CorruptDataException(file.toString(), offset, "unknown put-log record type " + type);
        }
        in.expectEnd("put-log record");
    }
}
