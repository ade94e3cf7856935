package io.flamestore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a store directory holds on disk, by kind of file: logical size (what {@code ls} shows),
 * allocated size (what {@code du} shows: blocks the file system actually holds, which is much less
 * for the sparse Chronicle Map index files) and, for blob chunks, the bytes written up to the
 * chunk's committed mark (the rest of a chunk is preallocated zeros).
 */
record DiskUsage(Map<Kind, long[]> byKind) {
    /** Kinds of file in a store. */
    enum Kind {
        /** {@code blobs-NNNNN.dat}: encoded trees, preallocated and zero-filled per chunk. */
        BLOBS,
        /** {@code index.cm}: the Chronicle Map index of a partition, a sparse file. */
        INDEX,
        /** {@code symbols.log}: a partition's frame names. */
        SYMBOLS,
        /** Catalogue, metadata, format, lock and marker files. */
        OTHER
    }

    private static final int LOGICAL = 0;
    private static final int ALLOCATED = 1;
    private static final int WRITTEN = 2;
    private static final int FILES = 3;

    /** Measures {@code dir}; allocated sizes come from {@code du -B1 -a} (GNU coreutils). */
    static DiskUsage of(Path dir) throws IOException {
        Map<Path, Long> allocated = duAllocated(dir);
        Map<Kind, long[]> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new long[4]);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            Kind kind = name.startsWith("blobs-") && name.endsWith(".dat") ? Kind.BLOBS
                    : name.equals("index.cm") ? Kind.INDEX
                    : name.equals("symbols.log") ? Kind.SYMBOLS : Kind.OTHER;
            long[] sums = byKind.get(kind);
            long size = Files.size(file);
            sums[LOGICAL] += size;
            Long blocks = allocated.get(file.toAbsolutePath().normalize());
            if (blocks == null) {
                throw new IllegalStateException("du did not list " + file);
            }
            sums[ALLOCATED] += blocks;
            sums[WRITTEN] += kind == Kind.BLOBS ? committed(file) : size;
            sums[FILES]++;
        }
        return new DiskUsage(byKind);
    }

    long logical(Kind kind) {
        return byKind.get(kind)[LOGICAL];
    }

    long allocated(Kind kind) {
        return byKind.get(kind)[ALLOCATED];
    }

    /** Logical size, except for blob chunks: their bytes up to the committed mark (header included). */
    long written(Kind kind) {
        return byKind.get(kind)[WRITTEN];
    }

    long files(Kind kind) {
        return byKind.get(kind)[FILES];
    }

    long logical() {
        return byKind.values().stream().mapToLong(s -> s[LOGICAL]).sum();
    }

    long allocated() {
        return byKind.values().stream().mapToLong(s -> s[ALLOCATED]).sum();
    }

    /** Blob bytes up to each chunk's committed mark, plus the logical size of every other file. */
    long written() {
        return byKind.values().stream().mapToLong(s -> s[WRITTEN]).sum();
    }

    /** The committed length of a blob chunk: the u64le at offset 8 of its header (see BlobStore). */
    private static long committed(Path chunk) throws IOException {
        try (FileChannel channel = FileChannel.open(chunk, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
                // read the 16-byte header
            }
            return header.getLong(8);
        }
    }

    private static Map<Path, Long> duAllocated(Path dir) throws IOException {
        Process du = new ProcessBuilder("du", "-B1", "-a", dir.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = du.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (du.waitFor() != 0) {
                throw new IOException("du -B1 -a " + dir + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for du", e);
        }
        Map<Path, Long> sizes = new HashMap<>();
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                sizes.put(Path.of(line.substring(tab + 1)).toAbsolutePath().normalize(),
                        Long.parseLong(line.substring(0, tab)));
            }
        }
        return sizes;
    }

    /**
     * Bytes this process has caused to be sent to the storage layer so far ({@code write_bytes} of
     * {@code /proc/self/io}: file writes and pages dirtied through mappings, each time a clean page
     * is dirtied), or -1 where that file does not exist.
     */
    static long processWriteBytes() {
        Path io = Path.of("/proc/self/io");
        if (!Files.isReadable(io)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(io)) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
