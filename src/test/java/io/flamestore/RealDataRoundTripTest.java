package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every real folded profile of the shared test data parses, round-trips and encodes losslessly. */
class RealDataRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyFoldedFileRoundTrips() throws IOException {
        if (!TestData.isPresent()) {
            // one test that is reported as skipped, rather than a factory that quietly yields nothing
            return Stream.of(DynamicTest.dynamicTest("shared test data", TestData::directory));
        }
        return TestData.foldedFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException {
        Tree tree = TestData.parseGzipped(file);
        assertTrue(tree.nodeCount() > 0, "parsed an empty tree");
        assertEquals(independentTotal(file), tree.total(), "total vs the sum of every line's count");

        String folded = tree.toFolded();
        Tree reparsed = Tree.parseFolded(folded);
        assertEquals(tree, reparsed, "parse(toFolded(t))");
        assertEquals(tree.hashCode(), reparsed.hashCode(), "hashCode");
        assertEquals(folded, reparsed.toFolded(), "toFolded is canonical");

        SymbolTrie symbols = new SymbolTrie();
        byte[] encoded = tree.encode(symbols);
        assertEquals(tree, Tree.decode(encoded, symbols), "decode(encode(t))");

        SymbolTrie decodedSymbols = SymbolTrie.decode(symbols.encode());
        assertEquals(symbols.size(), decodedSymbols.size(), "symbol count");
        for (int id = 0; id < symbols.size(); id++) {
            assertEquals(symbols.name(id), decodedSymbols.name(id), "symbol " + id);
        }
        assertEquals(tree, Tree.decode(encoded, decodedSymbols), "decode with the decoded symbol table");
    }

    /** Sum of the last number on every non-blank line, by plain string code. */
    private static long independentTotal(Path file) throws IOException {
        long total = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(TestData.gunzip(file),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int blank = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t'));
                total = Math.addExact(total, Long.parseLong(trimmed.substring(blank + 1)));
            }
        }
        return total;
    }
}
