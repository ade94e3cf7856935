package io.flamestore;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The key of one series: an application name, which by convention ends with the profile type, and
 * labels, for example {@code ride-sharing-app.cpu{region=us-west-1,vehicle=car}}. This is the
 * {@code name} parameter that Pyroscope agents send with every upload.
 *
 * <h2>Syntax</h2>
 * <pre>
 * key    = space* name space* ( "{" labels "}" space* )*
 * name   = [A-Za-z0-9_.-]+
 * labels = space* ( label ( space* "," space* label )* space* ","? space* )?
 * label  = lname space* "=" space* ( quoted | bare ) space*
 * lname  = [A-Za-z0-9_.]+
 * bare   = any text without , { } = that does not start with " (trimmed of white space)
 * quoted = a double-quoted string with the escapes \" \\ \n \t \r \\uXXXX
 * </pre>
 * Real agents send bare values with spaces, slashes and plus signs
 * ({@code process.runtime.name=OpenJDK Runtime Environment}), so bare values are generous; anything
 * else can be quoted. Label order does not matter. Several brace groups in a row are one label set:
 * the Pyroscope Node.js client sends {@code demo.app{env=test}{otel.scope.name=...}} when the
 * configured application name already carries labels.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>An empty value ({@code k=} or {@code k=""}) means the label is absent, as in Prometheus: a
 *       series never has a label with an empty value, and {@code k=""} in a selector selects exactly
 *       the series without {@code k}. {@link #of} drops empty values the same way.</li>
 *   <li>The same label name twice is an error, even if one of the values is empty; so is the label
 *       name {@code __name__}, which Pyroscope used internally for the application name.</li>
 *   <li>A malformed key raises {@link IllegalArgumentException} naming the key, the 0-based
 *       character position and what was expected there.</li>
 * </ul>
 *
 * <p>Instances are immutable; {@link #toString()} is the canonical form and
 * {@code parse(k.toString()).equals(k)} always holds.
 */
public final class AppKey {
    /** Refused as a label name: Pyroscope stored the application name under it. */
    public static final String RESERVED_LABEL = "__name__";

    private final String name;
    private final SortedMap<String, String> labels;
    /** The canonical form, built on first use; a racy but safe cache, as String is immutable. */
    private String canonical;

    private AppKey(String name, TreeMap<String, String> labels) {
        this.name = name;
        this.labels = Collections.unmodifiableSortedMap(labels);
    }

    /**
     * Parses a key such as {@code app.cpu{region=us-west-1, vehicle="car"}}.
     *
     * @throws IllegalArgumentException if {@code key} is malformed; the message names the position
     */
    public static AppKey parse(String key) {
        Objects.requireNonNull(key, "key");
        SyntaxCursor in = new SyntaxCursor("app key", key);
        in.skipSpace();
        String name = in.appName("an application name ([A-Za-z0-9_.-])");
        in.skipSpace();
        TreeMap<String, String> labels = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        while (in.consume('{')) {
            readLabels(in, labels, seen);
            in.skipSpace();
        }
        if (!in.atEnd()) {
            throw in.fail(in.pos(), "'{' or the end of the key");
        }
        return new AppKey(name, labels);
    }

    /** Reads {@code k=v, ...} up to and including the closing brace. */
    private static void readLabels(SyntaxCursor in, TreeMap<String, String> labels, Set<String> seen) {
        in.skipSpace();
        while (!in.consume('}')) {
            int at = in.pos();
            String label = in.labelName("a label name");
            if (label.equals(RESERVED_LABEL)) {
                throw in.error(at, "the label name " + RESERVED_LABEL + " is reserved");
            }
            if (!seen.add(label)) {
                throw in.error(at, "label " + label + " appears twice");
            }
            in.skipSpace();
            in.expect('=', "'=' after the label name");
            in.skipSpace();
            String value = in.peek() == '"' ? in.quoted() : in.until(",{}=");
            if (!value.isEmpty()) {
                labels.put(label, value);
            }
            in.skipSpace();
            if (in.consume(',')) {
                in.skipSpace();
            } else if (in.peek() != '}') {
                throw in.fail(in.pos(), in.peek() == '{' || in.peek() == '='
                        ? "',' or '}' (quote a value that contains , { } or =)"
                        : "',' or '}'");
            }
        }
    }

    /**
     * A key from its parts. Values may be any text (they are quoted in {@link #toString()} as
     * needed); empty values are dropped, as in {@link #parse}.
     *
     * @throws IllegalArgumentException if the name or a label name does not match its grammar or a
     *     label name is {@value #RESERVED_LABEL}
     */
    public static AppKey of(String name, Map<String, String> labels) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        checkAppName(name);
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String label = Objects.requireNonNull(e.getKey(), "label name");
            String value = Objects.requireNonNull(e.getValue(), () -> "value of label " + label);
            checkLabelName(label);
            if (!value.isEmpty()) {
                sorted.put(label, value);
            }
        }
        return new AppKey(name, sorted);
    }

    /** Refuses a name that keys cannot carry; shared with selectors. */
    static void checkAppName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> SyntaxCursor.isAppNameChar((char) c))) {
            throw new IllegalArgumentException(
                    "bad application name " + SyntaxCursor.quote(name) + ": expected [A-Za-z0-9_.-]+");
        }
    }

    /** Refuses a label name that keys cannot carry; shared with selectors, which name labels too. */
    static void checkLabelName(String label) {
        if (!hasLabelNameSyntax(label)) {
            throw new IllegalArgumentException(
                    "bad label name " + SyntaxCursor.quote(label) + ": expected [A-Za-z0-9_.]+");
        }
        if (label.equals(RESERVED_LABEL)) {
            throw new IllegalArgumentException("bad label name " + label + ": it is reserved");
        }
    }

    /**
     * Whether a key can carry a label of this name ({@code [A-Za-z0-9_.]+}, not {@value #RESERVED_LABEL}):
     * for callers that turn labels from elsewhere (pprof sample labels, say) into series labels.
     */
    public static boolean isLabelName(String label) {
        return hasLabelNameSyntax(label) && !label.equals(RESERVED_LABEL);
    }

    private static boolean hasLabelNameSyntax(String label) {
        return !label.isEmpty() && label.chars().allMatch(c -> SyntaxCursor.isLabelNameChar((char) c));
    }

    /** The application name, for example {@code ride-sharing-app.cpu}. */
    public String name() {
        return name;
    }

    /** The labels sorted by name; unmodifiable, never holding an empty value. */
    public SortedMap<String, String> labels() {
        return labels;
    }

    /** The value of label {@code name}, or null if this key does not have it. */
    public String label(String name) {
        return labels.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppKey k && name.equals(k.name) && labels.equals(k.labels);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + labels.hashCode();
    }

    /**
     * The canonical form: the name, then {@code {k=v,...}} sorted by label name (nothing when there
     * are no labels), each value bare if it reads back unchanged and otherwise quoted.
     */
    @Override
    public String toString() {
        String s = canonical;
        if (s == null) {
            StringBuilder out = new StringBuilder(name);
            if (!labels.isEmpty()) {
                char sep = '{';
                for (Map.Entry<String, String> e : labels.entrySet()) {
                    out.append(sep).append(e.getKey()).append('=');
                    String v = e.getValue();
                    out.append(canBeBare(v) ? v : SyntaxCursor.quote(v));
                    sep = ',';
                }
                out.append('}');
            }
            canonical = s = out.toString();
        }
        return s;
    }

    /**
     * Whether {@code v} can be written without quotes. Stricter than the grammar needs: a value with
     * a quote, a backslash or a line break also gets quotes, so that people and logs read it right.
     */
    static boolean canBeBare(String v) {
        if (v.isEmpty() || SyntaxCursor.isSpace(v.charAt(0)) || SyntaxCursor.isSpace(v.charAt(v.length() - 1))) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (",{}=\"\\".indexOf(c) >= 0 || SyntaxCursor.needsUnicodeEscape(c) || (c != ' ' && SyntaxCursor.isSpace(c))) {
                return false;
            }
        }
        return true;
    }
}
