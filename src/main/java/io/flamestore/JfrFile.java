package io.flamestore;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A JFR recording as an uncompressed file on disk, which is all {@code jdk.jfr.consumer.RecordingFile}
 * can read: a plain file is used where it lies, while gzipped files and streams are first copied to a
 * temporary file that {@link #close()} deletes.
 */
final class JfrFile implements Closeable {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private final Path path;
    private final boolean temporary;

    private JfrFile(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** The recording at {@code file}, gzipped or not. */
    static JfrFile of(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return isGzip(in) ? spool(new GZIPInputStream(in, 1 << 16), file.toString()) : new JfrFile(file, false);
        }
    }

    /** The recording read from {@code in} (gzipped or not), which is read to its end but not closed. */
    static JfrFile of(InputStream in, String source) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        return spool(isGzip(buffered) ? new GZIPInputStream(buffered, 1 << 16) : buffered, source);
    }

    /** The uncompressed recording. */
    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(path);
        }
    }

    /** Whether the stream starts with gzip's magic bytes; the stream is left where it was. */
    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        in.reset();
        return gzip;
    }

    private static JfrFile spool(InputStream in, String source) throws IOException {
        Path copy = Files.createTempFile("flamestore-", ".jfr");
        try {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return new JfrFile(copy, true);
        } catch (ZipException | EOFException e) {
            // Only decompression fails this way; write errors to the temporary file keep their own type.
            Files.deleteIfExists(copy);
            throw new ProfileFormatException(source, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }
}
