package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small speedscope edge-case files, read from the class path. */
class EdgeFilesTest {

    private static Tree parse(String name) throws IOException {
        try (InputStream in = TestData.edge(name)) {
            return Tree.parseFolded(in);
        }
    }

    private static void assertSimpleTree(Tree tree) {
        assertEquals(Map.of("a;b;c", 5L, "a;b;d", 4L, "a;b", 5L), StackModel.parseLines(tree.toFolded()));
        assertEquals(14, tree.total());
        assertEquals(14, tree.total("a;b"));
        assertEquals(4, tree.nodeCount());
    }

    @Test
    void simpleAndCrlfGiveTheSameTreeWithDuplicatesAddedUp() throws IOException {
        Tree simple = parse("speedscope-simple.folded");
        assertSimpleTree(simple);
        assertEquals(5, simple.self("a;b;c"), "a;b;c appears three times: 1 + 1 + 3");
        Tree crlf = parse("speedscope-simple-crlf.folded");
        assertSimpleTree(crlf);
        assertEquals(simple, crlf);
    }

    @Test
    void utf16WithByteOrderMarkDecodesLikeUtf8() throws IOException {
        Tree simple = parse("speedscope-simple.folded");
        assertEquals(simple, parse("speedscope-simple-utf16-le.folded"), "UTF-16 LE");
        assertEquals(simple, parse("speedscope-simple-utf16-be.folded"), "UTF-16 BE");
    }

    @Test
    void recursionKeepsEveryLevelApart() throws IOException {
        Tree tree = parse("speedscope-recursion.folded");
        assertEquals(Map.of("a;a", 1L, "b;b", 1L, "a;b", 1L, "a;b;a;b", 2L, "a;b;a;c", 2L,
                "a;b;a;b;a;b", 1L, "a;b;a;b;c", 2L), StackModel.parseLines(tree.toFolded()));
        assertEquals(10, tree.total());
        assertEquals(9, tree.total("a"));
        assertEquals(8, tree.total("a;b"));
        assertEquals(7, tree.total("a;b;a"));
        Map<String, Long> functionTotals = new HashMap<>();
        tree.functions().forEach(f -> functionTotals.put(f.name(), f.total()));
        assertEquals(Map.of("a", 9L, "b", 9L, "c", 4L), functionTotals, "recursive stacks count once");
    }

    @Test
    void alternatingLinesAddUp() throws IOException {
        String text = new String(TestData.edgeBytes("speedscope-alternating.folded"), StandardCharsets.UTF_8);
        long ab = text.lines().filter(l -> l.equals("a;b 1")).count();
        long cd = text.lines().filter(l -> l.equals("c;d 1")).count();
        assertEquals(text.lines().filter(l -> !l.isBlank()).count(), ab + cd, "fixture holds only two stacks");
        Tree tree = parse("speedscope-alternating.folded");
        assertEquals(Map.of("a;b", ab, "c;d", cd), StackModel.parseLines(tree.toFolded()));
        assertEquals(4, tree.nodeCount());
    }

    @Test
    void tallStackHasDepth26() throws IOException {
        Tree tree = parse("speedscope-tall.folded");
        int[] maxDepth = {-1};
        tree.visit((depth, name, self, total) -> maxDepth[0] = Math.max(maxDepth[0], depth));
        assertEquals(26, maxDepth[0] + 1);
        assertEquals(26, tree.nodeCount());
        assertEquals(1, tree.self("a;b;c;d;e;f;g;h;i;j;k;l;m;n;o;p;q;r;s;t;u;v;w;x;y;z"));
        tree.forEachStack((frames, self) -> assertEquals(26, frames.size()));
    }

    @Test
    void invalidLinesFailStrictlyAndAreCountedLeniently() throws IOException {
        ProfileFormatException e;
        try (InputStream in = TestData.edge("speedscope-simple-with-invalids.folded")) {
            e = assertThrows(ProfileFormatException.class, () -> FoldedParser.strict().parse(in));
        }
        assertEquals(1, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("# comment that gives extra info about the samples"), e.getMessage());

        FoldedParser.Result result;
        try (InputStream in = TestData.edge("speedscope-simple-with-invalids.folded")) {
            result = FoldedParser.lenient().source("with-invalids").parse(in);
        }
        assertEquals(3, result.skippedLines());
        assertEquals(8, result.lines());
        assertSimpleTree(result.tree());
        assertTrue(result.firstProblem().startsWith("with-invalids:1: "), result.firstProblem());
        for (String line : List.of("// some other comment", "invalid line")) {
            ProfileFormatException single = assertThrows(ProfileFormatException.class, () -> Tree.parseFolded(line));
            assertTrue(single.getMessage().contains(line), single.getMessage());
        }
    }
}
