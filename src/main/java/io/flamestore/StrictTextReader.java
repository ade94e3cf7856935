package io.flamestore;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Objects;

/**
 * Decodes bytes strictly, like an {@code InputStreamReader} whose decoder reports malformed input,
 * except that the text before an invalid byte sequence is returned first and the error
 * ({@link java.nio.charset.CharacterCodingException}) is thrown by the next read. A parser that counts
 * lines then names the line holding the bad bytes; {@code InputStreamReader} throws as soon as it
 * meets them and drops what it had decoded in that call, which may be thousands of lines.
 */
final class StrictTextReader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean endOfInput;
    private boolean flushed;
    private CoderResult pendingError;

    StrictTextReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        if (pendingError != null) {
            pendingError.throwException();
        }
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (!flushed) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                if (out.position() == off) {
                    result.throwException();
                }
                pendingError = result;
                break;
            }
            if (result.isOverflow() || out.position() > off && !endOfInput) {
                break;
            }
            if (endOfInput) {
                if (decoder.flush(out).isOverflow()) {
                    break;
                }
                flushed = true;
            } else {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
        }
        int n = out.position() - off;
        return n == 0 && flushed ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
