package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Matchers and selectors against a naive model: look the label up, take the empty string when it
 * is missing, then String.equals or Pattern.matches.
 */
class LabelMatcherPropertyTest {
    private static final String[] LABELS = {"region", "vehicle", "host", "env"};
    /** Few and similar values, so that equal and matching values come up often. */
    private static final String[] VALUES = {"a", "b", "ab", "ba", "aab", "us-west-1", "eu-west", "web-1", "a\nb", " "};
    private static final String[] REGEXES = {
        "", ".*", ".+", "a|b", "a.*", "b+", "(a|ab)", "[ab]*", ".*b", "a\\nb", "us-.*", "eu-.*|web-\\d", "a*?", "(?i)AB",
        "\\Qab\\E", "web-[0-9]", "(a)(b)", "a.b", "\\s",
    };
    private static final int RUNS = 20_000;

    @Test
    void matcherAgreesWithModel() {
        long seed = PropertyRunner.seed("LabelMatcherPropertyTest.matcherAgreesWithModel");
        SplittableRandom random = new SplittableRandom(seed);
        for (int run = 0; run < RUNS; run++) {
            Map<String, String> labels = series(random);
            LabelMatcher.Op op = LabelMatcher.Op.values()[random.nextInt(4)];
            String label = LABELS[random.nextInt(LABELS.length)];
            String operand = operand(random, op);
            LabelMatcher matcher = LabelMatcher.of(label, op, operand);
            String why = "seed " + seed + ", run " + run + ": " + matcher + " on " + labels;
            assertEquals(model(labels, label, op, operand), matcher.matches(labels.get(label)), why);
            assertEquals(model(Map.of(), label, op, operand), matcher.matchesMissing(), why);
        }
    }

    @Test
    void selectorAgreesWithModel() {
        long seed = PropertyRunner.seed("LabelMatcherPropertyTest.selectorAgreesWithModel");
        SplittableRandom random = new SplittableRandom(seed);
        for (int run = 0; run < RUNS / 4; run++) {
            Map<String, String> labels = series(random);
            String name = random.nextInt(8) == 0 ? "other.cpu" : "app.cpu";
            AppKey key = AppKey.of(name, labels);
            List<LabelMatcher> matchers = new ArrayList<>();
            boolean expected = name.equals("app.cpu");
            for (int i = random.nextInt(4); i > 0; i--) {
                LabelMatcher.Op op = LabelMatcher.Op.values()[random.nextInt(4)];
                String label = LABELS[random.nextInt(LABELS.length)];
                String operand = operand(random, op);
                matchers.add(LabelMatcher.of(label, op, operand));
                expected &= model(labels, label, op, operand);
            }
            Selector selector = Selector.of("app.cpu", matchers);
            // The text form must select the same series: it is what users and logs see.
            Selector reparsed = Selector.parse(selector.toString());
            String why = "seed " + seed + ", run " + run + ": " + selector + " on " + key;
            assertEquals(selector, reparsed, why);
            assertEquals(expected, selector.matches(key), why);
            assertEquals(expected, reparsed.matches(key), why);
            assertEquals(expected, Query.of(selector, 0, 10).matches(key), why);
        }
    }

    /** The model: missing means "", then plain equality or a whole-string regex match. */
    private static boolean model(Map<String, String> labels, String label, LabelMatcher.Op op, String operand) {
        String v = labels.containsKey(label) ? labels.get(label) : "";
        return switch (op) {
            case EQ -> v.equals(operand);
            case NEQ -> !v.equals(operand);
            case RE -> Pattern.matches(operand, v);
            case NRE -> !Pattern.matches(operand, v);
        };
    }

    @Test
    void prometheusCornerCases() {
        assertTrue(LabelMatcher.of("k", LabelMatcher.Op.NEQ, "v").matches(null));
        assertTrue(LabelMatcher.of("k", LabelMatcher.Op.NRE, "v.*").matches(null));
        assertTrue(LabelMatcher.of("k", LabelMatcher.Op.EQ, "").matches(null));
        assertFalse(LabelMatcher.of("k", LabelMatcher.Op.EQ, "").matches("x"));
        assertTrue(LabelMatcher.of("k", LabelMatcher.Op.RE, ".*").matches(null));
        assertTrue(LabelMatcher.of("k", LabelMatcher.Op.RE, ".*").matches("anything"));
        assertFalse(LabelMatcher.of("k", LabelMatcher.Op.RE, ".+").matches(null));
        // Fully anchored: a partial match is no match, and alternation binds inside the anchors.
        assertFalse(LabelMatcher.of("k", LabelMatcher.Op.RE, "us").matches("us-west-1"));
        assertFalse(LabelMatcher.of("k", LabelMatcher.Op.RE, "a|b").matches("ab"));
        assertFalse(LabelMatcher.of("k", LabelMatcher.Op.RE, "a$").matches("a\n"));
        // "a)|(b" is not a regular expression, even though "(?:a)|(b)" would be one.
        assertThrows(IllegalArgumentException.class, () -> LabelMatcher.of("k", LabelMatcher.Op.RE, "a)|(b"));
        assertThrows(IllegalArgumentException.class, () -> LabelMatcher.of("k", LabelMatcher.Op.NRE, "["));
        assertThrows(IllegalArgumentException.class, () -> LabelMatcher.of("k-1", LabelMatcher.Op.EQ, "x"));
        // Literal operands are never regular expressions.
        assertTrue(LabelMatcher.of("k", LabelMatcher.Op.EQ, "[").matches("["));
        assertEquals("k=~\"a\\\"b\"", LabelMatcher.of("k", LabelMatcher.Op.RE, "a\"b").toString());
    }

    private static Map<String, String> series(SplittableRandom random) {
        Map<String, String> labels = new TreeMap<>();
        for (String label : LABELS) {
            if (random.nextInt(3) > 0) {
                labels.put(label, VALUES[random.nextInt(VALUES.length)]);
            }
        }
        return labels;
    }

    private static String operand(SplittableRandom random, LabelMatcher.Op op) {
        if (op.isRegex() && random.nextInt(4) > 0) {
            return REGEXES[random.nextInt(REGEXES.length)];
        }
        return random.nextInt(6) == 0 ? "" : VALUES[random.nextInt(VALUES.length)];
    }
}
