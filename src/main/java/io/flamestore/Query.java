package io.flamestore;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Selector} over a time range {@code [from, until)} in seconds of the Unix epoch, for
 * example {@code Query.parse("app.cpu{region=\"us-west-1\"}", 1700000000, 1700003600)}. The range is
 * taken as given; the storage widens it to whole 10 s slots when it reads.
 *
 * <p>Immutable and thread-safe.
 */
public final class Query {
    /**
     * The latest time accepted, 10^10 s (the year 2286). A bound far below {@code Long.MAX_VALUE}
     * keeps slot arithmetic free of overflow and catches milliseconds passed as seconds.
     */
    public static final long MAX_EPOCH_SECONDS = 10_000_000_000L;

    private final Selector selector;
    private final long from;
    private final long until;

    private Query(Selector selector, long from, long until) {
        this.selector = selector;
        this.from = from;
        this.until = until;
    }

    /**
     * Parses {@code selector} (see {@link Selector} for the syntax) and checks the range.
     *
     * @throws IllegalArgumentException if the selector is malformed (the message names the position)
     *     or the range is not {@code 0 <= from <= until <= MAX_EPOCH_SECONDS}
     */
    public static Query parse(String selector, long fromEpochSeconds, long untilEpochSeconds) {
        // Times first: a cheap check, and its message does not depend on the selector.
        checkRange(fromEpochSeconds, untilEpochSeconds);
        return new Query(Selector.parse(selector), fromEpochSeconds, untilEpochSeconds);
    }

    /** A query from a parsed selector, with the same range checks as {@link #parse}. */
    public static Query of(Selector selector, long fromEpochSeconds, long untilEpochSeconds) {
        Objects.requireNonNull(selector, "selector");
        checkRange(fromEpochSeconds, untilEpochSeconds);
        return new Query(selector, fromEpochSeconds, untilEpochSeconds);
    }

    private static void checkRange(long from, long until) {
        String problem = null;
        if (from < 0 || until < 0) {
            problem = "times must not be negative";
        } else if (from > MAX_EPOCH_SECONDS || until > MAX_EPOCH_SECONDS) {
            problem = "times must not exceed " + MAX_EPOCH_SECONDS + " (seconds, not milliseconds)";
        } else if (from > until) {
            problem = "from must not be after until";
        }
        if (problem != null) {
            throw new IllegalArgumentException(
                    "bad time range from=" + from + " until=" + until + ": " + problem);
        }
    }

    /** The selector without the time range. */
    public Selector selector() {
        return selector;
    }

    /** The application name, for example {@code ride-sharing-app.cpu}. */
    public String appName() {
        return selector.appName();
    }

    /** The matchers in canonical order; see {@link Selector#matchers()}. */
    public List<LabelMatcher> matchers() {
        return selector.matchers();
    }

    /** The start of the range, inclusive. */
    public long fromEpochSeconds() {
        return from;
    }

    /** The end of the range, exclusive. */
    public long untilEpochSeconds() {
        return until;
    }

    /** Whether the series with this key is selected; the time range plays no part. */
    public boolean matches(AppKey key) {
        return selector.matches(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && selector.equals(q.selector) && from == q.from && until == q.until;
    }

    @Override
    public int hashCode() {
        return (selector.hashCode() * 31 + Long.hashCode(from)) * 31 + Long.hashCode(until);
    }

    /**
     * The selector in canonical syntax (as {@link Selector#toString()}), so that it can be parsed
     * back; the time range is available from its accessors and is not part of the text.
     */
    @Override
    public String toString() {
        return selector.toString();
    }
}
