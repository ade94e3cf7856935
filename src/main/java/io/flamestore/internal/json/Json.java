package io.flamestore.internal.json;

/**
 * A minimal streaming JSON writer into a {@link StringBuilder}; callers keep keys and values in
 * a valid order. Strings are escaped so that the output may also be embedded verbatim in an HTML
 * {@code <script>} element or a JavaScript string: besides quotes, backslashes and control
 * characters, {@code < > &}, U+2028, U+2029 and unpaired surrogates are written as {@code \}{@code uXXXX}.
 * Everything else, non-ASCII included, is written as is (the caller encodes the text as UTF-8).
 */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    /** Whether the next key or value follows a sibling and so needs a comma first. */
    private boolean afterValue;

    public Json(StringBuilder out) {
        this.out = out;
    }

    public Json beginObject() {
        separate().append('{');
        afterValue = false;
        return this;
    }

    public Json endObject() {
        out.append('}');
        afterValue = true;
        return this;
    }

    public Json beginArray() {
        separate().append('[');
        afterValue = false;
        return this;
    }

    public Json endArray() {
        out.append(']');
        afterValue = true;
        return this;
    }

    public Json key(String key) {
        string(separate(), key).append(':');
        afterValue = false;
        return this;
    }

    public Json value(String value) {
        string(separate(), value);
        afterValue = true;
        return this;
    }

    public Json value(long value) {
        separate().append(value);
        afterValue = true;
        return this;
    }

    /** {@code value} read as an unsigned 64-bit number, as Go's {@code uint64} fields are. */
    public Json unsignedValue(long value) {
        separate().append(Long.toUnsignedString(value));
        afterValue = true;
        return this;
    }

    public Json nullValue() {
        separate().append("null");
        afterValue = true;
        return this;
    }

    /** Appends the raw numbers {@code values[0, length)} as one array, the bulk of a flamebearer. */
    public Json array(long[] values, int length) {
        separate().append('[');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values[i]);
        }
        out.append(']');
        afterValue = true;
        return this;
    }

    private StringBuilder separate() {
        if (afterValue) {
            out.append(',');
        }
        return out;
    }

    /** Appends {@code text} as a quoted, escaped JSON string. */
    public static StringBuilder string(StringBuilder out, String text) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(text, i, c)) {
                continue;
            }
            out.append(text, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u").append(HEX[c >>> 12]).append(HEX[(c >>> 8) & 0xF])
                        .append(HEX[(c >>> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.append(text, plainFrom, text.length()).append('"');
    }

    private static boolean needsEscape(String text, int i, char c) {
        if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        // A low surrogate is fine only right after a high one (checked when that one was seen).
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
