package io.flamestore;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition of a selector on one label, with Prometheus semantics: a series that lacks the
 * label is treated as if its value were the empty string. So {@code k!="v"} and {@code k!~"re"}
 * keep series without {@code k}, {@code k=""} selects exactly the series without {@code k}, and
 * {@code k=~".*"} matches every series. Regular expressions (java.util.regex) must match the whole
 * value, as if written {@code ^(?:re)$}, and are compiled once, when the matcher is made.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelMatcher {
    /** The four comparisons of FlameQL and PromQL. */
    public enum Op {
        /** The value equals the operand. */
        EQ("="),
        /** The value differs from the operand. */
        NEQ("!="),
        /** The whole value matches the regular expression. */
        RE("=~"),
        /** The whole value does not match the regular expression. */
        NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** How the operator is written in a selector: {@code =}, {@code !=}, {@code =~} or {@code !~}. */
        public String symbol() {
            return symbol;
        }

        /** Whether the operand is a regular expression. */
        public boolean isRegex() {
            return this == RE || this == NRE;
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    private final String name;
    private final Op op;
    private final String value;
    /** Null for EQ and NEQ. */
    private final Pattern pattern;
    private final boolean matchesMissing;

    private LabelMatcher(String name, Op op, String value, Pattern pattern) {
        this.name = name;
        this.op = op;
        this.value = value;
        this.pattern = pattern;
        this.matchesMissing = matches(null);
    }

    /**
     * A matcher on label {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid label name or {@code value} is
     *     not a valid regular expression for {@link Op#RE} or {@link Op#NRE}; the message names the
     *     matcher
     */
    public static LabelMatcher of(String name, Op op, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        AppKey.checkLabelName(name);
        Pattern pattern = null;
        if (op.isRegex()) {
            try {
                // Not wrapped in "^(?:...)$": matches() below anchors the whole pattern already, and
                // wrapping would let the invalid "a)|(b" compile as "(?:a)|(b)" and break a valid "\\Qa".
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad matcher " + name + op.symbol + SyntaxCursor.quote(value)
                        + ": invalid regular expression: " + e.getDescription() + " near index " + e.getIndex(), e);
            }
        }
        return new LabelMatcher(name, op, value, pattern);
    }

    /** The label name. */
    public String name() {
        return name;
    }

    public Op op() {
        return op;
    }

    /** The operand: a literal for EQ and NEQ, a regular expression for RE and NRE. */
    public String value() {
        return value;
    }

    /**
     * Whether a series whose label has this value is kept.
     *
     * @param labelValueOrNull the series' value of the label, or null if the series lacks it
     */
    public boolean matches(String labelValueOrNull) {
        String v = labelValueOrNull == null ? "" : labelValueOrNull;
        return switch (op) {
            case EQ -> value.equals(v);
            case NEQ -> !value.equals(v);
            // Matcher.matches() anchors at both ends of the input. A "$" pattern would not do:
            // in java.util.regex it also matches before a final line break.
            case RE -> pattern.matcher(v).matches();
            case NRE -> !pattern.matcher(v).matches();
        };
    }

    /**
     * Whether series lacking the label are kept ({@code matches(null)}). An index of label values
     * can answer a matcher by itself only when this is false; otherwise series without the label
     * must be added.
     */
    public boolean matchesMissing() {
        return matchesMissing;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && name.equals(m.name) && op == m.op && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + op.ordinal()) * 31 + value.hashCode();
    }

    /** Selector syntax, for example {@code region!~"eu-.*"}. */
    @Override
    public String toString() {
        return name + op.symbol + SyntaxCursor.quote(value);
    }
}
