package io.flamestore.internal.http;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Request bodies and their parts, read within limits, gunzipped when they start with gzip's magic. */
final class Bodies {
    private Bodies() {
    }

    /**
     * The whole body, refused with 413 as soon as it passes {@code limit} bytes: a declared
     * {@code Content-Length} is checked before reading, a chunked body while it is read.
     */
    static byte[] read(InputStream in, String contentLength, long limit) throws IOException {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > limit) {
                    throw tooLarge("request body of " + contentLength.trim() + " bytes", limit);
                }
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Content-Length '" + contentLength + "' is not a number");
            }
        }
        return readLimited(in, limit, "request body");
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    }

    /** {@code bytes} gunzipped if they start with gzip's magic, else as they are; 413 past {@code limit}. */
    static byte[] inflateIfGzip(byte[] bytes, long limit, String what) throws IOException {
        if (!isGzip(bytes)) {
            return bytes;
        }
        try (InputStream in = open(bytes, limit, what)) {
            return in.readAllBytes();
        } catch (ZipException | EOFException e) {
            throw HttpError.badRequest(what + " is not valid gzip: " + e.getMessage());
        }
    }

    /**
     * A stream of {@code bytes}, gunzipped if they start with gzip's magic, that fails with 413 once
     * it has given more than {@code limit} bytes: a small gzip body may inflate enormously.
     */
    static InputStream open(byte[] bytes, long limit, String what) throws IOException {
        InputStream raw = new ByteArrayInputStream(bytes);
        return new Limited(isGzip(bytes) ? new GZIPInputStream(raw, 1 << 16) : raw, limit, what);
    }

    private static byte[] readLimited(InputStream in, long limit, String what) throws IOException {
        try (InputStream limited = new Limited(in, limit, what)) {
            return limited.readAllBytes();
        }
    }

    /** Counts what passes and refuses the byte past the limit. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final String what;
        private long count;

        Limited(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(what, limit);
            }
        }
    }

    private static HttpError tooLarge(String what, long limit) {
        return new HttpError(413, what + " exceeds the limit of " + limit + " bytes");
    }
}
