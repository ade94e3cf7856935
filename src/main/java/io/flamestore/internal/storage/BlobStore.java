package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.PathCounts;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Append-only storage of encoded trees ({@link PathCounts}) in memory-mapped chunk files {@code blobs-NNNNN.dat}. Chunk
 * {@code i} holds {@code min(1 MiB << i, 256 MiB)} bytes, so a small partition stays small and a
 * large one needs few files. Chunks are created sparse and blobs are written through the file
 * system ({@code pwrite}), not through the mapping: a full disk then fails the write with an
 * exception instead of faulting the process on a mapped page without a block, and no byte is
 * written twice (zero-filling a chunk first would double the I/O). Reads go through the mapping;
 * the page cache makes written bytes visible there at once.
 * <pre>
 * chunk := magic "FSBL" version:u8 reserved:byte[3] committed:u64le blob* unused-bytes
 * </pre>
 * {@code committed} is the end of the last whole blob; it is stored (with release ordering) only
 * after the blob's bytes, so a crash mid-append leaves a blob nobody refers to, which the next
 * append overwrites. A blob's address is {@code chunk << 40 | offset}.
 */
final class BlobStore implements AutoCloseable {
    static final int HEADER = 16;
    private static final int COMMITTED_AT = 8;
    private static final long MIN_CHUNK = 1 << 20;
    static final long MAX_CHUNK = 256L << 20;
    static final int MAX_BLOB = (int) (MAX_CHUNK - HEADER);

    private final Path dir;
    private final List<MappedByteBuffer> maps = new CopyOnWriteArrayList<>();
    private final List<UnsafeBuffer> chunks = new CopyOnWriteArrayList<>();
    /** The open chunk's file, for appends; null until an append needs it. */
    private FileChannel appendChannel;
    private int appendChunk = -1;
    /** Channels of chunks filled since the last {@link #sync}: forced and closed there, not in a put. */
    private final List<FileChannel> filledUnsynced = new ArrayList<>();

    private BlobStore(Path dir) {
        this.dir = dir;
    }

    static BlobStore open(Path dir) throws IOException {
        BlobStore store = new BlobStore(dir);
        try {
            for (int i = 0; Files.exists(store.chunkFile(i)); i++) {
                store.mapExisting(i);
            }
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    static long chunkSize(int chunk) {
        return Math.min(MIN_CHUNK << Math.min(chunk, 20), MAX_CHUNK);
    }

    /** Appends one blob and returns its address. */
    synchronized long append(byte[] blob) throws IOException {
        if (blob.length > MAX_BLOB) {
            throw new IllegalArgumentException("encoded tree of " + blob.length + " bytes exceeds the " + MAX_BLOB + "-byte limit");
        }
        int chunk = chunks.size() - 1;
        long committed = chunk < 0 ? 0 : chunks.get(chunk).getLongAcquire(COMMITTED_AT);
        while (chunk < 0 || committed + blob.length > chunks.get(chunk).capacity()) {
            chunk = chunks.size();
            createChunk(chunk);
            committed = HEADER;
        }
        FileChannel channel = appendChannel(chunk);
        ByteBuffer bytes = ByteBuffer.wrap(blob);
        while (bytes.hasRemaining()) {
            channel.write(bytes, committed + bytes.position());
        }
        chunks.get(chunk).putLongRelease(COMMITTED_AT, committed + blob.length);
        return (long) chunk << 40 | committed;
    }

    /** The checked counts stored at {@code address}, whose paths are ids below {@code pathCount}. */
    PathCounts counts(long address, int length, int pathCount) throws CorruptDataException {
        return read(address, length, (buffer, offset) ->
                PathCounts.parse(new ByteReader(buffer, offset, length, "path counts"), pathCount));
    }

    @FunctionalInterface
    private interface BlobReader<T> {
        T read(ByteBuffer chunk, int offset) throws CorruptDataException;
    }

    private <T> T read(long address, int length, BlobReader<T> reader) throws CorruptDataException {
        int chunk = (int) (address >>> 40);
        long offset = address & ((1L << 40) - 1);
        if (chunk >= chunks.size()) {
            throw new CorruptDataException(dir.toString(), address, "blob address names chunk " + chunk + " of " + chunks.size());
        }
        UnsafeBuffer buffer = chunks.get(chunk);
        if (offset < HEADER || length <= 0 || offset + length > buffer.getLongAcquire(COMMITTED_AT)) {
            throw new CorruptDataException(chunkFile(chunk).toString(), offset,
                    "blob of " + length + " bytes lies outside the written part of the chunk");
        }
        try {
            return reader.read(maps.get(chunk), (int) offset);
        } catch (CorruptDataException e) {
            throw e.within(chunkFile(chunk).toString(), offset);
        }
    }

    /** Forces every chunk's pages to the device. */
    synchronized void sync() throws IOException {
        while (!filledUnsynced.isEmpty()) {
            FileChannel filled = filledUnsynced.get(0);
            filled.force(false); // if this fails, the next sync tries again
            filledUnsynced.remove(0);
            filled.close();
        }
        if (appendChannel != null) {
            appendChannel.force(false);
        }
        for (MappedByteBuffer map : maps) {
            map.force();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            for (FileChannel filled : filledUnsynced) {
                filled.close();
            }
            filledUnsynced.clear();
            if (appendChannel != null) {
                appendChannel.close();
                appendChannel = null;
            }
        } finally {
            for (MappedByteBuffer map : maps) {
                IoUtil.unmap(map);
            }
            maps.clear();
            chunks.clear();
        }
    }

    /** The file channel of the chunk appends go to; an earlier chunk's is closed (it is full). */
    private FileChannel appendChannel(int chunk) throws IOException {
        if (appendChunk != chunk) {
            if (appendChannel != null) {
                filledUnsynced.add(appendChannel); // forced by the next sync(), off the put's path
            }
            appendChannel = FileChannel.open(chunkFile(chunk), StandardOpenOption.WRITE);
            appendChunk = chunk;
        }
        return appendChannel;
    }

    private Path chunkFile(int chunk) {
        return dir.resolve(String.format("blobs-%05d.dat", chunk));
    }

    private void createChunk(int chunk) throws IOException {
        Path file = chunkFile(chunk);
        Path temporary = dir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(temporary); // left by a crash during an earlier creation
        allocate(temporary, chunkSize(chunk), file);
        // Renamed only once whole, so a crash never leaves a chunk with a half-written header.
        Files.move(temporary, file);
        MappedByteBuffer map = IoUtil.mapExistingFile(file.toFile(), "flamestore blobs");
        maps.add(map);
        chunks.add(new UnsafeBuffer(map));
    }

    /** Creates the file at its full size, sparse, with only its header written. */
    private static void allocate(Path temporary, long size, Path file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put("FSBL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).position(COMMITTED_AT);
        header.putLong(HEADER).flip();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            channel.write(ByteBuffer.allocate(1), size - 1); // sets the size; the gap stays a hole
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("cannot create " + file + " (" + size + " bytes; disk full?): " + e.getMessage(), e);
        }
    }

    private void mapExisting(int chunk) throws IOException {
        File file = chunkFile(chunk).toFile();
        if (file.length() != chunkSize(chunk)) {
            throw new CorruptDataException(file.toString(), 0, "chunk is " + file.length() + " bytes, expected " + chunkSize(chunk));
        }
        MappedByteBuffer map = IoUtil.mapExistingFile(file, "flamestore blobs");
        UnsafeBuffer buffer = new UnsafeBuffer(map);
        maps.add(map);
        chunks.add(buffer);
        byte[] magic = new byte[4];
        buffer.getBytes(0, magic);
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals("FSBL") || buffer.getByte(4) != 1) {
            throw new CorruptDataException(file.toString(), 0, "not a version-1 blob chunk");
        }
        long committed = buffer.getLongAcquire(COMMITTED_AT);
        if (committed < HEADER || committed > buffer.capacity()) {
            throw new CorruptDataException(file.toString(), COMMITTED_AT, "committed length " + committed + " out of range");
        }
    }
}
