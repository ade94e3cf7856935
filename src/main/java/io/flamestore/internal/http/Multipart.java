package io.flamestore.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts by form field name. Only what
 * the profilers send is needed: each part's {@code Content-Disposition} name and its bytes; other
 * part headers (a part's own {@code Content-Length}, say) are read past.
 */
final class Multipart {
    private Multipart() {
    }

    /** The boundary of a multipart content type, or null if the type is not multipart/form-data. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length());
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        throw HttpError.badRequest("multipart/form-data without a boundary parameter");
    }

    /** The parts by name; a name given twice, a missing closing boundary or a nameless part is a 400. */
    static Map<String, byte[]> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw HttpError.badRequest("multipart body does not contain its boundary");
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int pos = at + delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return parts; // the closing delimiter; what follows is an epilogue to ignore
            }
            if (!startsWith(body, pos, "\r\n")) {
                throw HttpError.badRequest("multipart boundary at byte " + (pos - delimiter.length) + " is not followed by a line break");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headersEnd < 0) {
                throw HttpError.badRequest("multipart part at byte " + pos + " has no end of headers");
            }
            String name = partName(new String(body, pos + 2, headersEnd - pos - 2, StandardCharsets.UTF_8), pos);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw HttpError.badRequest("multipart part '" + name + "' is not closed by a boundary (truncated body?)");
            }
            if (parts.put(name, Arrays.copyOfRange(body, contentStart, contentEnd)) != null) {
                throw HttpError.badRequest("multipart part '" + name + "' appears twice");
            }
            pos = contentEnd + nextDelimiter.length;
        }
    }

    /** The {@code name} of a part's {@code Content-Disposition: form-data; name="..."} header. */
    private static String partName(String headers, int offset) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                continue;
            }
            for (String param : line.substring(colon + 1).split(";")) {
                String p = param.trim();
                if (p.startsWith("name=")) {
                    String value = p.substring(5);
                    return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                            ? value.substring(1, value.length() - 1) : value;
                }
            }
        }
        throw HttpError.badRequest("multipart part at byte " + offset + " has no Content-Disposition name");
    }

    private static boolean startsWith(byte[] body, int pos, String text) {
        if (pos + text.length() > body.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (body[pos + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first index of {@code pattern} in {@code body} at or after {@code from}, or -1. */
    private static int indexOf(byte[] body, byte[] pattern, int from) {
        byte first = pattern[0];
        int last = body.length - pattern.length;
        for (int i = from; i <= last; i++) {
            if (body[i] == first && Arrays.equals(body, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
