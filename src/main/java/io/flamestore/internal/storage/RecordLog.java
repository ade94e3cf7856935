package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An append-only file of checksummed records, for small state that is replayed whole on open
 * (series catalogue, application metadata, symbol names):
 * <pre>
 * log    := magic:byte[4] version:u8 reserved:byte[3] record*
 * record := length:u32le crc32c(payload):u32le payload:byte[length]     (length >= 1)
 * </pre>
 * A write that a crash cut short can only damage the tail, so an incomplete or mismatching last
 * record is dropped on open; a mismatch with records after it is corruption. Appending a record is
 * one positional write: once {@link #append} returns, the record survives the process being killed.
 */
public final class RecordLog implements AutoCloseable {
    /** Receives each intact record in order. */
    @FunctionalInterface
    public interface Replayer {
        void record(ByteBuffer payload, long offset) throws IOException;
    }

    static final int HEADER = 8;
    private static final int RECORD_HEADER = 8;
    /** Larger records are refused on write and treated as damage on read. */
    static final int MAX_RECORD = 64 << 20;

    private final Path path;
    private final FileChannel channel;
    private long end;

    private RecordLog(Path path, FileChannel channel, long end) {
        this.path = path;
        this.channel = channel;
        this.end = end;
    }

    /** Opens or creates the log, replays its records, and drops a torn tail. */
    public static RecordLog open(Path path, String magic, Replayer replayer) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (channel.size() < HEADER) {
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                header.put(magic.getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).flip();
                channel.truncate(0);
                writeFully(channel, header, 0);
                channel.force(true);
            }
            long end = replay(path, channel, magic, replayer);
            if (end < channel.size()) {
                channel.truncate(end);
            }
            return new RecordLog(path, channel, end);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Appends one record; on failure (a full disk, say) the log is left as it was. */
    public synchronized long append(byte[] payload) throws IOException {
        if (payload.length == 0 || payload.length > MAX_RECORD) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes (1 to " + MAX_RECORD + " allowed)");
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        long offset = end;
        try {
            writeFully(channel, record, offset);
        } catch (IOException e) {
            try {
                channel.truncate(offset);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("cannot append to " + path + ": " + e.getMessage(), e);
        }
        end = offset + record.capacity();
        return offset;
    }

    /** Drops every record, keeping the header: the log is as new. */
    public synchronized void reset() throws IOException {
        channel.truncate(HEADER);
        end = HEADER;
    }

    /** Forces appended records to the device, for durability against power loss. */
    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static long replay(Path path, FileChannel channel, String magic, Replayer replayer) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(channel, header, 0);
        String found = new String(header.array(), 0, 4, StandardCharsets.ISO_8859_1);
        if (!found.equals(magic)) {
            throw new CorruptDataException(path.toString(), 0, "bad magic '" + found + "', expected '" + magic + "'");
        }
        if (header.get(4) != 1) {
            throw new CorruptDataException(path.toString(), 4, "log format version " + header.get(4) + " is not readable here (reads 1)");
        }
        long size = channel.size();
        long offset = HEADER;
        ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        while (offset + RECORD_HEADER <= size) {
            recordHeader.clear();
            readFully(channel, recordHeader, offset);
            int length = recordHeader.getInt(0);
            int stored = recordHeader.getInt(4);
            if (length <= 0 || length > MAX_RECORD) {
                if (zeros(channel, offset, size)) {
                    return offset;
                }
                throw new CorruptDataException(path.toString(), offset, "impossible record length " + Integer.toUnsignedString(length));
            }
            if (offset + RECORD_HEADER + length > size) {
                return offset; // the last write was cut short
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, offset + RECORD_HEADER);
            CRC32C crc = new CRC32C();
            crc.update(payload.array());
            if ((int) crc.getValue() != stored) {
                long next = offset + RECORD_HEADER + length;
                if (next < size && !zeros(channel, next, size)) {
                    throw new CorruptDataException(path.toString(), offset, "record checksum mismatch");
                }
                return offset;
            }
            replayer.record(payload.flip(), offset);
            offset += RECORD_HEADER + length;
        }
        return offset;
    }

    private static boolean zeros(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        for (long at = from; at < to; at += chunk.capacity()) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), to - at));
            readFully(channel, chunk, at);
            for (int i = 0; i < chunk.limit(); i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }
}
