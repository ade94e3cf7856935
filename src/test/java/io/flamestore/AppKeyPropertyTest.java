package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Random keys survive toString and parse, and every way of writing a key parses to the same key. */
class AppKeyPropertyTest {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
    private static final String LABEL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.";
    /** Pieces of values: what real agents send plus everything the syntax treats specially. */
    private static final String[] VALUE_PIECES = {
        "a", "Z", "0", "-", ".", "_", " ", "  ", "/", "+", ":", "\"", ",", "{", "}", "=", "\\", "\\n", "\n", "\t",
        "\r", "ü", "日本", "\uD83D\uDE00", "\u0000", "\u2028", "\u00a0", "x y", "us-west-1", "OpenJDK Runtime Environment",
        "17.0.15+6-Debian-1deb12u1", "com.grafana.pyroscope/java", "~", "!", "'", "#", "$", "\\u0041",
    };
    private static final int RUNS = 3000;

    @Test
    void canonicalFormParsesBackEqual() {
        long seed = PropertyRunner.seed("AppKeyPropertyTest.canonicalFormParsesBackEqual");
        SplittableRandom random = new SplittableRandom(seed);
        for (int run = 0; run < RUNS; run++) {
            String name = word(random, NAME_CHARS);
            Map<String, String> labels = labels(random);
            AppKey key = AppKey.of(name, labels);
            String text = key.toString();
            AppKey back = AppKey.parse(text);
            String why = "seed " + seed + ", run " + run + ", text " + text;
            assertEquals(key, back, why);
            assertEquals(key.hashCode(), back.hashCode(), why);
            assertEquals(name, back.name(), why);
            assertEquals(labels, back.labels(), why);
            assertEquals(text, back.toString(), why);
        }
    }

    @Test
    void anyOrderSpacingAndQuotingParsesEqual() {
        long seed = PropertyRunner.seed("AppKeyPropertyTest.anyOrderSpacingAndQuotingParsesEqual");
        SplittableRandom random = new SplittableRandom(seed);
        for (int run = 0; run < RUNS; run++) {
            String name = word(random, NAME_CHARS);
            Map<String, String> labels = labels(random);
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, String> e : labels.entrySet()) {
                parts.add(space(random) + e.getKey() + space(random) + "=" + space(random)
                        + writeValue(random, e.getValue()) + space(random));
            }
            // Labels with empty values are absent, however they are written.
            String empty = "empty" + run;
            if (!labels.containsKey(empty)) {
                parts.add(empty + "=" + (random.nextBoolean() ? "" : "\"\""));
            }
            Collections.shuffle(parts, new Random(random.nextLong()));
            String text = space(random) + name + space(random) + groups(random, parts) + space(random);
            String why = "seed " + seed + ", run " + run + ", text " + text;
            assertEquals(AppKey.of(name, labels), AppKey.parse(text), why);
        }
    }

    /** Splits labels into one or more brace groups, sometimes with a trailing comma. */
    private static String groups(SplittableRandom random, List<String> parts) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(random.nextInt(5) == 0 ? "}" + space(random) + "{" : ",");
            }
            out.append(parts.get(i));
        }
        return out.append(random.nextInt(4) == 0 ? ",}" : "}").toString();
    }

    /** Bare when the test's own conservative rule allows it and the coin says so, else quoted. */
    private static String writeValue(SplittableRandom random, String v) {
        boolean safe = v.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-./+:_ ".indexOf(c) >= 0)
                && !v.startsWith(" ") && !v.endsWith(" ");
        if (safe && random.nextBoolean()) {
            return v;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n' && random.nextBoolean()) {
                out.append("\\n");
            } else if (random.nextInt(10) == 0) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c); // raw tabs, line breaks and NULs inside quotes stand for themselves
            }
        }
        return out.append('"').toString();
    }

    static Map<String, String> labels(SplittableRandom random) {
        Map<String, String> labels = new TreeMap<>();
        int count = random.nextInt(7);
        while (labels.size() < count) {
            String label = word(random, LABEL_CHARS);
            if (!label.equals(AppKey.RESERVED_LABEL)) {
                labels.put(label, value(random));
            }
        }
        return labels;
    }

    static String value(SplittableRandom random) {
        StringBuilder v = new StringBuilder();
        int pieces = 1 + random.nextInt(5);
        for (int i = 0; i < pieces; i++) {
            v.append(VALUE_PIECES[random.nextInt(VALUE_PIECES.length)]);
        }
        return v.toString();
    }

    static String word(SplittableRandom random, String alphabet) {
        int length = 1 + random.nextInt(random.nextInt(4) == 0 ? 30 : 8);
        StringBuilder w = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            w.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return w.toString();
    }

    private static String space(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\t ";
            case 2 -> "  ";
            default -> "";
        };
    }
}
