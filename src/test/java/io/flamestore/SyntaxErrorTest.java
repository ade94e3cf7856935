package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed keys and selectors fail with a message that quotes the input and names the position. */
class SyntaxErrorTest {
    static Stream<Arguments> badKeys() {
        return Stream.of(
                Arguments.of("", 0, "expected an application name"),
                Arguments.of("   ", 3, "expected an application name"),
                Arguments.of("{a=b}", 0, "expected an application name"),
                Arguments.of("app{a=1,=2}", 8, "expected a label name"),
                Arguments.of("app x", 4, "expected '{' or the end of the key"),
                Arguments.of("ap p", 3, "expected '{' or the end of the key"),
                Arguments.of("app}", 3, "expected '{' or the end of the key"),
                Arguments.of("app{a=b}c", 8, "expected '{' or the end of the key"),
                Arguments.of("app{a=b}}", 8, "expected '{' or the end of the key"),
                Arguments.of("app{a=b", 7, "expected ',' or '}'"),
                Arguments.of("app{a=b,", 8, "expected a label name"),
                Arguments.of("app{", 4, "expected a label name"),
                Arguments.of("app{,}", 4, "expected a label name"),
                Arguments.of("app{a=b,,c=d}", 8, "expected a label name"),
                Arguments.of("app{a}", 5, "expected '=' after the label name"),
                Arguments.of("app{ke-y=v}", 6, "expected '=' after the label name"),
                Arguments.of("app{é=1}", 4, "expected a label name"),
                Arguments.of("app{a=b{c}", 7, "quote a value that contains"),
                Arguments.of("app{a=b=c}", 7, "quote a value that contains"),
                Arguments.of("app{a=\"b}", 9, "expected '\"' to close the string opened at position 6"),
                Arguments.of("app{a=\"b\"c}", 9, "expected ',' or '}'"),
                Arguments.of("app{a=\"\\q\"}", 7, "after the backslash"),
                Arguments.of("app{a=\"\\u12\"}", 7, "four hex digits"),
                Arguments.of("app{a=\"x\\", 8, "after the backslash"),
                Arguments.of("app{a=1,a=2}", 8, "label a appears twice"),
                Arguments.of("app{a=,a=2}", 7, "label a appears twice"),
                Arguments.of("app{ __name__=x}", 5, "__name__ is reserved"));
    }

    static Stream<Arguments> badSelectors() {
        return Stream.of(
                Arguments.of("", 0, "expected an application name"),
                Arguments.of("{a=\"b\"}", 0, "expected an application name"),
                Arguments.of("app x", 4, "expected '{' or the end of the selector"),
                Arguments.of("app{a=\"b\"} x", 11, "expected the end of the selector"),
                Arguments.of("app{}{}", 5, "expected the end of the selector"),
                Arguments.of("app{a=\"b\"", 9, "expected ',' or '}'"),
                Arguments.of("app{a=\"b\" c=\"d\"}", 10, "expected ',' or '}'"),
                Arguments.of("app{a=b}", 6, "expected a double-quoted value"),
                Arguments.of("app{a==\"b\"}", 6, "expected a double-quoted value"),
                Arguments.of("app{a=}", 6, "expected a double-quoted value"),
                Arguments.of("app{a~\"b\"}", 5, "expected one of = != =~ !~"),
                Arguments.of("app{a!\"b\"}", 5, "expected one of = != =~ !~"),
                Arguments.of("app{a}", 5, "expected one of = != =~ !~"),
                Arguments.of("app{=\"b\"}", 4, "expected a label name or '}'"),
                Arguments.of("app{a=\"b\",,}", 10, "expected a label name or '}'"),
                Arguments.of("app{a=\"b", 8, "to close the string opened at position 6"),
                Arguments.of("app{a=\"x\\z\"}", 8, "after the backslash"),
                Arguments.of("app{ __name__=\"x\"}", 5, "__name__ is reserved"),
                Arguments.of("app{host=~\"web-[\"}", 10, "bad matcher host=~\"web-[\": invalid regular expression"),
                Arguments.of("app{a=\"1\", b!~\"(\"}", 14, "bad matcher b!~\"(\""));
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void badKey(String key, int position, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppKey.parse(key));
        check(e, "bad app key " + SyntaxCursor.quote(key) + " at position " + position + ": ", expected);
    }

    @ParameterizedTest
    @MethodSource("badSelectors")
    void badSelector(String selector, int position, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selector.parse(selector));
        check(e, "bad selector " + SyntaxCursor.quote(selector) + " at position " + position + ": ", expected);
        // Query reports the same problem.
        e = assertThrows(IllegalArgumentException.class, () -> Query.parse(selector, 0, 10));
        check(e, "bad selector " + SyntaxCursor.quote(selector) + " at position " + position + ": ", expected);
    }

    @Test
    void exampleMessageFromTheBrief() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppKey.parse("app{a=1,=2}"));
        assertTrue(e.getMessage().equals("bad app key \"app{a=1,=2}\" at position 8: expected a label name"),
                e.getMessage());
    }

    @Test
    void messagesStayOnOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppKey.parse("app\n{a=1}\r\nx"));
        assertTrue(e.getMessage().startsWith("bad app key \"app\\n{a=1}\\r\\nx\" at position 11: "), e.getMessage());
    }

    private static void check(IllegalArgumentException e, String prefix, String expected) {
        String message = e.getMessage();
        if (!message.startsWith(prefix) || !message.contains(expected)) {
            fail("wanted a message starting with [" + prefix + "] containing [" + expected + "], got [" + message + "]");
        }
    }
}
