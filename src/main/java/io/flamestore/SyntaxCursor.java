package io.flamestore;

/**
 * A position in the text of an app key or a selector, shared by both parsers so that they read
 * names, quoted strings and white space the same way and report errors the same way:
 * {@code bad <what> "<text>" at position <n>: expected <something>}. Positions are 0-based
 * {@code char} indexes into the original string.
 */
final class SyntaxCursor {
    private final String what;
    private final String text;
    private int pos;

    SyntaxCursor(String what, String text) {
        this.what = what;
        this.text = text;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The current character, or -1 at the end. */
    int peek() {
        return atEnd() ? -1 : text.charAt(pos);
    }

    /** Steps over the current character if it is {@code c}. */
    boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Steps over the string {@code s} if the text continues with it. */
    boolean consume(String s) {
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    void expect(char c, String expected) {
        if (!consume(c)) {
            throw fail(pos, expected);
        }
    }

    void skipSpace() {
        while (!atEnd() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Reads an app name ({@code [A-Za-z0-9_.-]+}); fails at the current position if there is none. */
    String appName(String expected) {
        int start = pos;
        while (!atEnd() && isAppNameChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw fail(pos, expected);
        }
        return text.substring(start, pos);
    }

    /** Reads a label name ({@code [A-Za-z0-9_.]+}); fails at the current position if there is none. */
    String labelName(String expected) {
        int start = pos;
        while (!atEnd() && isLabelNameChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw fail(pos, expected);
        }
        return text.substring(start, pos);
    }

    /**
     * Reads the text up to (not including) the next character in {@code stops} or the end, with
     * surrounding white space trimmed.
     */
    String until(String stops) {
        int start = pos;
        while (!atEnd() && stops.indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        int end = pos;
        int from = start;
        while (from < end && isSpace(text.charAt(from))) {
            from++;
        }
        while (end > from && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(from, end);
    }

    /**
     * Reads a double-quoted string starting at the current {@code "}, resolving the escapes
     * {@code \" \\ \n \t \r} and {@code \}{@code uXXXX}. Any other character, including a raw line
     * break, stands for itself.
     */
    String quoted() {
        int open = pos;
        expect('"', "'\"'");
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw fail(pos, "'\"' to close the string opened at position " + open);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            int escape = pos - 1;
            char e = atEnd() ? 0 : text.charAt(pos++);
            switch (e) {
                case '"', '\\' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> out.append(hex4(escape));
                default -> throw fail(escape, "one of \\\" \\\\ \\n \\t \\r \\uXXXX after the backslash");
            }
        }
    }

    private char hex4(int escape) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = pos + i < text.length() ? text.charAt(pos + i) : 0;
            // ASCII only: Character.digit would also take full-width and other script digits.
            int digit = c < 128 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw fail(escape, "four hex digits after \\u");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    IllegalArgumentException fail(int at, String expected) {
        return error(at, "expected " + expected);
    }

    IllegalArgumentException error(int at, String problem) {
        return new IllegalArgumentException("bad " + what + " " + quote(text) + " at position " + at + ": " + problem);
    }

    /**
     * {@code s} in double quotes, with {@code "} and {@code \\} escaped and every control character
     * written as an escape, so that the result is one printable line that {@link #quoted()} reads back
     * as {@code s}.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (needsUnicodeEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Control characters and line or paragraph separators would make keys unreadable in logs. */
    static boolean needsUnicodeEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /** White space around names and bare values is not part of them. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c);
    }

    static boolean isLabelNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }

    static boolean isAppNameChar(char c) {
        return isLabelNameChar(c) || c == '-';
    }
}
