package io.flamestore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which series a query reads, without a time range: an application name and label matchers, for
 * example {@code app.cpu{region="us-west-1", vehicle!="bike", host=~"web-.*", env!~"dev|test"}}.
 * A series is selected when its name equals the application name and every matcher accepts its
 * value of the matcher's label (see {@link LabelMatcher} for series that lack the label). Label
 * discovery ("which values does {@code host} take among these series?") uses a selector alone;
 * {@link Query} adds the time range.
 *
 * <h2>Syntax</h2>
 * <pre>
 * selector = space* name space* ( "{" space* ( matcher ( space* "," space* matcher )* space* ","? space* )? "}" space* )?
 * name     = [A-Za-z0-9_.-]+
 * matcher  = lname space* ( "=" | "!=" | "=~" | "!~" ) space* quoted
 * lname    = [A-Za-z0-9_.]+
 * quoted   = a double-quoted string with the escapes \" \\ \n \t \r \\uXXXX
 * </pre>
 * Unlike in app keys, values must be quoted. {@code name} and {@code name{}} select every series
 * of that name. The same label may appear in several matchers; all must hold.
 *
 * <p>Matchers are kept in a canonical order (by label name, operator, operand) with exact
 * duplicates removed, so that equal selectors have equal {@link #toString()} and
 * {@link #equals}, whatever order they were written in. Immutable and thread-safe.
 */
public final class Selector {
    private static final Comparator<LabelMatcher> ORDER = Comparator.comparing(LabelMatcher::name)
            .thenComparing(LabelMatcher::op)
            .thenComparing(LabelMatcher::value);

    private final String appName;
    private final List<LabelMatcher> matchers;

    private Selector(String appName, List<LabelMatcher> matchers) {
        this.appName = appName;
        List<LabelMatcher> sorted = new ArrayList<>(matchers);
        sorted.sort(ORDER);
        // Sorted, so exact duplicates are neighbours.
        for (int i = sorted.size() - 1; i > 0; i--) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                sorted.remove(i);
            }
        }
        this.matchers = List.copyOf(sorted);
    }

    /**
     * Parses a selector such as {@code app.cpu{vehicle="car", region=~"us-.*"}}.
     *
     * @throws IllegalArgumentException if it is malformed or holds an invalid regular expression; the
     *     message names the position
     */
    public static Selector parse(String selector) {
        Objects.requireNonNull(selector, "selector");
        SyntaxCursor in = new SyntaxCursor("selector", selector);
        in.skipSpace();
        String name = in.appName("an application name ([A-Za-z0-9_.-])");
        in.skipSpace();
        List<LabelMatcher> matchers = new ArrayList<>();
        boolean braces = in.consume('{');
        if (braces) {
            in.skipSpace();
            while (!in.consume('}')) {
                matchers.add(readMatcher(in));
                in.skipSpace();
                if (in.consume(',')) {
                    in.skipSpace();
                } else if (in.peek() != '}') {
                    throw in.fail(in.pos(), "',' or '}'");
                }
            }
            in.skipSpace();
        }
        if (!in.atEnd()) {
            throw in.fail(in.pos(), braces ? "the end of the selector" : "'{' or the end of the selector");
        }
        return new Selector(name, matchers);
    }

    private static LabelMatcher readMatcher(SyntaxCursor in) {
        int start = in.pos();
        String label = in.labelName("a label name or '}'");
        if (label.equals(AppKey.RESERVED_LABEL)) {
            throw in.error(start, "the label name " + AppKey.RESERVED_LABEL + " is reserved");
        }
        in.skipSpace();
        LabelMatcher.Op op;
        // Two-character operators first: "=~" must not be read as "=" followed by junk.
        if (in.consume("=~")) {
            op = LabelMatcher.Op.RE;
        } else if (in.consume("!~")) {
            op = LabelMatcher.Op.NRE;
        } else if (in.consume("!=")) {
            op = LabelMatcher.Op.NEQ;
        } else if (in.consume('=')) {
            op = LabelMatcher.Op.EQ;
        } else {
            throw in.fail(in.pos(), "one of = != =~ !~ after the label name");
        }
        in.skipSpace();
        if (in.peek() != '"') {
            throw in.fail(in.pos(), "a double-quoted value");
        }
        int valueAt = in.pos();
        String value = in.quoted();
        try {
            return LabelMatcher.of(label, op, value);
        } catch (IllegalArgumentException e) {
            // Only a bad regular expression gets here: the label name was read by its grammar.
            throw in.error(valueAt, e.getMessage());
        }
    }

    /** A selector from its parts; matchers may be in any order. */
    public static Selector of(String appName, List<LabelMatcher> matchers) {
        Objects.requireNonNull(appName, "appName");
        AppKey.checkAppName(appName);
        for (LabelMatcher m : matchers) {
            Objects.requireNonNull(m, "matcher");
        }
        return new Selector(appName, matchers);
    }

    /** The application name, for example {@code ride-sharing-app.cpu}. */
    public String appName() {
        return appName;
    }

    /** The matchers in canonical order; unmodifiable, empty when every series of the name is selected. */
    public List<LabelMatcher> matchers() {
        return matchers;
    }

    /** Whether the series with this key is selected: the same name and every matcher holds. */
    public boolean matches(AppKey key) {
        if (!key.name().equals(appName)) {
            return false;
        }
        for (LabelMatcher m : matchers) {
            if (!m.matches(key.label(m.name()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && appName.equals(s.appName) && matchers.equals(s.matchers);
    }

    @Override
    public int hashCode() {
        return appName.hashCode() * 31 + matchers.hashCode();
    }

    /** Canonical selector syntax: {@code name} alone, or {@code name{k="v",k!~"re"}} in canonical order. */
    @Override
    public String toString() {
        if (matchers.isEmpty()) {
            return appName;
        }
        StringBuilder out = new StringBuilder(appName);
        char sep = '{';
        for (LabelMatcher m : matchers) {
            out.append(sep).append(m);
            sep = ',';
        }
        return out.append('}').toString();
    }
}
