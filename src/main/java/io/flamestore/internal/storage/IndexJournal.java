package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of a partition's index ({@code index.log}, a {@link RecordLog} with magic
 * {@code FSIX}). Chronicle Map writes an entry in place and its checksum only when the entry is
 * unlocked; a process killed in between leaves an entry that recovery deletes, and with it the data
 * of every earlier put to that node. So every index update is first appended here, and a partition
 * whose journal does not end in a checkpoint is recovered by replaying it:
 * <pre>
 * payload := 0x01 key:u64le entry:byte[32]              an index update, before it is made
 *          | 0x02 fileLength:u64le entryCount:u64le      checkpoint: written alone at a clean close
 *          | 0x03 fileLength:u64le                       opened: starts the journal of a session
 * </pre>
 * A clean close leaves just the checkpoint, which the next open checks the index against. A session
 * that did not close leaves its opening length and its updates: the index file only grows, so a
 * shorter one is corruption, not an empty partition.
 */
final class IndexJournal implements AutoCloseable {
    static final String FILE = "index.log";
    private static final int UPDATE = 1;
    private static final int CHECKPOINT = 2;
    private static final int OPENED = 3;

    /** One logged update. */
    record Update(long key, byte[] entry) {
    }

    private final Path file;
    private final List<Update> updates = new ArrayList<>();
    private long[] checkpoint;
    private long openedLength;
    private RecordLog log;

    private IndexJournal(Path file) {
        this.file = file;
    }

    static IndexJournal open(Path dir) throws IOException {
        IndexJournal journal = new IndexJournal(dir.resolve(FILE));
        journal.log = RecordLog.open(journal.file, "FSIX", journal::replay);
        return journal;
    }

    /** Whether the last session closed the index cleanly; then {@link #checkpoint()} says what it left. */
    boolean clean() {
        return checkpoint != null && updates.isEmpty();
    }

    /** File length and entry count of the index at the last clean close. */
    long[] checkpoint() {
        return checkpoint;
    }

    /** Length of the index file when the last session opened it (0 if unknown). */
    long openedLength() {
        return openedLength;
    }

    /** The updates of a session that did not close cleanly, oldest first. */
    List<Update> updates() {
        return updates;
    }

    /** Starts the journal over, once the index (now {@code fileLength} bytes) holds everything it recorded. */
    void restart(long fileLength) throws IOException {
        log.reset();
        ByteBuffer record = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        record.put((byte) OPENED).putLong(fileLength);
        log.append(record.array());
        log.sync();
        updates.clear();
        checkpoint = null;
        openedLength = fileLength;
    }

    void append(long key, byte[] entry) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(1 + 8 + entry.length).order(ByteOrder.LITTLE_ENDIAN);
        record.put((byte) UPDATE).putLong(key).put(entry);
        log.append(record.array());
    }

    /** Replaces the journal by a checkpoint of the closed index. */
    void closeClean(long fileLength, long entryCount) throws IOException {
        log.reset();
        ByteBuffer record = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN);
        record.put((byte) CHECKPOINT).putLong(fileLength).putLong(entryCount);
        log.append(record.array());
        log.sync();
    }

    void sync() throws IOException {
        log.sync();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    private void replay(ByteBuffer payload, long offset) throws CorruptDataException {
        payload.order(ByteOrder.LITTLE_ENDIAN);
        int type = payload.get(0);
        if (type == UPDATE && payload.limit() == 1 + 8 + NodeEntry.BYTES) {
            byte[] entry = new byte[NodeEntry.BYTES];
            payload.get(9, entry);
            updates.add(new Update(payload.getLong(1), entry));
        } else if (type == CHECKPOINT && payload.limit() == 17) {
            checkpoint = new long[] {payload.getLong(1), payload.getLong(9)};
        } else if (type == OPENED && payload.limit() == 9) {
            openedLength = payload.getLong(1);
        } else {
            throw new CorruptDataException(file.toString(), offset, "unknown index journal record (type " + type
                    + ", " + payload.limit() + " bytes)");
        }
    }
}
