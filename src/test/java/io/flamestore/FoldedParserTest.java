package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Line-level rules of the collapsed-stack parser. */
class FoldedParserTest {

    private static ProfileFormatException rejects(String text) {
        return assertThrows(ProfileFormatException.class, () -> Tree.parseFolded(text), text);
    }

    @Test
    void blankLinesAreSkippedAndCounted() throws IOException {
        FoldedParser.Result result = FoldedParser.strict().parse("\n\na 1\n  \n\t\r\nb;c 2\n\n");
        assertEquals(Map.of("a", 1L, "b;c", 2L), StackModel.parseLines(result.tree().toFolded()));
        assertEquals(7, result.lines());
        assertEquals(0, result.skippedLines());
        assertEquals(null, result.firstProblem());
        assertEquals(0, Tree.parseFolded("").total());
        assertEquals(0, Tree.parseFolded("\n \n").nodeCount());
    }

    @Test
    void surroundingWhiteSpaceAndCrlfAreIgnored() throws IOException {
        Tree expected = Tree.parseFolded("a;b 1\nc 2");
        assertEquals(expected, Tree.parseFolded("a;b 1   \t\r\nc 2\r\n"));
        assertEquals(expected, Tree.parseFolded("  a;b 1\n\tc 2 \n"));
        assertEquals(expected, Tree.parseFolded("a;b  \t 1\nc\t2"), "several blanks or a tab before the count");
    }

    @Test
    void framesMayContainSpaces() throws IOException {
        Tree tree = Tree.parseFolded("a b;c d 3\n");
        List<List<String>> stacks = new ArrayList<>();
        tree.forEachStack((frames, self) -> stacks.add(frames));
        assertEquals(List.of(List.of("a b", "c d")), stacks);
        assertEquals(3, tree.self("a b;c d"));
        assertEquals(3, tree.total("a b"));
    }

    @Test
    void zeroCountsAreAcceptedAndAddNothing() throws IOException {
        Tree tree = Tree.parseFolded("a;b 0\nc 1\nc;d 0\n");
        assertEquals(1, tree.total());
        assertEquals(1, tree.nodeCount());
        assertEquals(0, tree.total("a"));
        assertEquals(Tree.parseFolded("c 1"), tree);
        assertTrue(Tree.parseFolded("a 0").isEmpty());
    }

    @Test
    void emptyFrameNamesTheColumn() {
        ProfileFormatException e = rejects("x 1\na;;b 1\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("column 3"), e.getMessage());
        assertTrue(e.getMessage().contains("a;;b 1"), e.getMessage());
        assertTrue(rejects(";a 1").getMessage().contains("column 1"));
        assertTrue(rejects("a; 1").getMessage().contains("column 3"));
        assertTrue(rejects("  a;b; 1").getMessage().contains("column 7"), "columns count leading blanks");
    }

    @Test
    void missingCountIsAnError() {
        ProfileFormatException e = rejects("a;b 1\na;b\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("no sample count"), e.getMessage());
        assertTrue(e.getMessage().contains("\"a;b\""), e.getMessage());
        assertEquals(1, rejects("12").line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b -1", "a;b 1.5", "a;b 99999999999999999999", "a;b 9223372036854775808",
            "a;b +1", "a;b 0x10", "a;b 1e3", "a;b ١", "a;b x"})
    void badCountsAreErrors(String line) {
        ProfileFormatException e = rejects("ok 1\n" + line + "\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains(line), e.getMessage());
        assertTrue(e.getMessage().contains("folded input:2:"), e.getMessage());
    }

    @Test
    void largestCountIsAcceptedButOverflowingTotalIsAnError() throws IOException {
        assertEquals(Long.MAX_VALUE, Tree.parseFolded("a " + Long.MAX_VALUE).total());
        ProfileFormatException e = rejects("a 9223372036854775000\nb 1000\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
        FoldedParser.Result lenient = FoldedParser.lenient().parse("a 9223372036854775000\nb 1000\nc 7\n");
        assertEquals(1, lenient.skippedLines());
        assertEquals(9223372036854775007L, lenient.tree().total());
    }

    @Test
    void nulInAFrameIsAnError() {
        ProfileFormatException e = rejects("a\0b 1");
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void sourceNameAppearsInErrors() {
        ProfileFormatException e = assertThrows(ProfileFormatException.class,
                () -> FoldedParser.strict().source("cpu.folded").parse("a 1\n\nb\n"));
        assertEquals("cpu.folded", e.source());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("cpu.folded:3: "), e.getMessage());
    }

    @Test
    void lenientParserCountsSkippedLinesAndKeepsTheFirstProblem() throws IOException {
        FoldedParser.Result result = FoldedParser.lenient().parse("a 1\nbad\nb;;c 2\nc 3\nd -4\n");
        assertEquals(Tree.parseFolded("a 1\nc 3"), result.tree());
        assertEquals(3, result.skippedLines());
        assertEquals(5, result.lines());
        assertTrue(result.firstProblem().startsWith("folded input:2: "), result.firstProblem());
        assertTrue(result.firstProblem().contains("bad"), result.firstProblem());
    }

    @Test
    void linesLongerThanTheReadBufferAreHandled() throws IOException {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            deep.append(i == 0 ? "" : ";").append("frame").append(i % 700);
        }
        String longName = "x".repeat(200_000);
        assertTrue(deep.length() > 1 << 16);
        String text = "a 1\n" + deep + " 7\n" + longName + ";b 2\nc 3";
        Tree tree = Tree.parseFolded(new StringReader(text));
        assertEquals(13, tree.total());
        assertEquals(7, tree.self(deep.toString()));
        assertEquals(2, tree.self(longName + ";b"));
        assertEquals(3, tree.self("c"));
        assertEquals(1 + 12_000 + 2 + 1, tree.nodeCount());
        assertEquals(tree, Tree.parseFolded(tree.toFolded()));

        ProfileFormatException e = rejects("a 1\n" + deep + ";;x 7\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("column " + (deep.length() + 2)), e.getMessage());
    }

    @Test
    void byteOrderMarksSelectTheEncoding() throws IOException {
        Tree expected = Tree.parseFolded("ü;日本 1\na 2\n");
        byte[] utf8 = "ü;日本 1\na 2\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, Tree.parseFolded(new ByteArrayInputStream(utf8)));
        assertEquals(expected, Tree.parseFolded(new ByteArrayInputStream(concat(new byte[] {(byte) 0xEF,
                (byte) 0xBB, (byte) 0xBF}, utf8))), "UTF-8 with a byte-order mark");
        assertEquals(expected, Tree.parseFolded(new ByteArrayInputStream(
                "\uFEFFü;日本 1\na 2\n".getBytes(StandardCharsets.UTF_16LE))), "UTF-16 LE");
        assertEquals(expected, Tree.parseFolded(new ByteArrayInputStream(
                "\uFEFFü;日本 1\na 2\n".getBytes(StandardCharsets.UTF_16BE))), "UTF-16 BE");
        assertEquals(0, Tree.parseFolded(new ByteArrayInputStream(new byte[0])).total(), "empty input");
        assertEquals(expected, Tree.parseFolded(new ByteArrayInputStream(Tree.parseFolded("ü;日本 1\na 2\n")
                .toFolded().getBytes(StandardCharsets.UTF_8))));
    }

    /** Hands out one byte per read, so that every multi-byte character is split across reads. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void charactersSplitAcrossReadsDecode() throws IOException {
        String text = "ü;日本;😀 smile 1\r\na b;Ω 22\n";
        Tree expected = Tree.parseFolded(text);
        assertEquals(expected, Tree.parseFolded(trickle(text.getBytes(StandardCharsets.UTF_8))), "UTF-8");
        assertEquals(expected, Tree.parseFolded(trickle(("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE))),
                "UTF-16 LE");
        assertEquals(expected, Tree.parseFolded(trickle(("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE))),
                "UTF-16 BE");
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> Tree.parseFolded(trickle(
                concat(text.getBytes(StandardCharsets.UTF_8), new byte[] {'x', (byte) 0xE6, (byte) 0x97, ' ', '1'}))));
        assertEquals(3, e.line(), e.getMessage());
    }

    @Test
    void invalidUtf8NamesTheLineThatHoldsIt() {
        byte[] bad = {(byte) 0xFF};
        byte[] head = "a 1\nb;c 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] tail = " 3\nd 4\n".getBytes(StandardCharsets.UTF_8);
        ProfileFormatException e = assertThrows(ProfileFormatException.class,
                () -> Tree.parseFolded(new ByteArrayInputStream(concat(head, "e;f".getBytes(StandardCharsets.UTF_8),
                        bad, tail))));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("folded input:3:"), e.getMessage());

        ProfileFormatException first = assertThrows(ProfileFormatException.class,
                () -> Tree.parseFolded(new ByteArrayInputStream(concat(bad, tail))));
        assertEquals(1, first.line(), first.getMessage());

        // far past the first read buffer, and a truncated multi-byte sequence at the very end
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 20_000; i++) {
            big.writeBytes(("frame;ü" + i + " 1\n").getBytes(StandardCharsets.UTF_8));
        }
        big.writeBytes("x;".getBytes(StandardCharsets.UTF_8));
        big.write(0xC3);
        ProfileFormatException late = assertThrows(ProfileFormatException.class,
                () -> Tree.parseFolded(new ByteArrayInputStream(big.toByteArray())));
        assertEquals(20_001, late.line(), late.getMessage());

        ProfileFormatException lenient = assertThrows(ProfileFormatException.class,
                () -> FoldedParser.lenient().parse(new ByteArrayInputStream(concat(head, bad, tail))),
                "bad bytes are not a skippable line");
        assertEquals(3, lenient.line(), lenient.getMessage());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
