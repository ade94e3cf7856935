package io.flamestore.bench;

import io.flamestore.SymbolTrie;
import io.flamestore.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Prints, as markdown, the encoded size of every real profile in {@code folded/} against its folded
 * text gzipped at level 6, and how the symbol table of each compares with the raw and gzipped names.
 * Every profile gets a fresh symbol table, as one stored time slot of one partition would.
 *
 * <pre>java -cp target/benchmarks.jar io.flamestore.bench.SizeReport [-Dflamestore.testdata=...]</pre>
 */
public final class SizeReport {
    private SizeReport() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<String> names = TestData.foldedNames();
        out.printf("Size report, %s, Java %s (%s), test data %s%n%n", LocalDate.now(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), TestData.dir());

        out.println("| profile | nodes | folded bytes | gzip -6 | tree encoding | symbol table | total | total / gzip |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        long sumFolded = 0;
        long sumGzip = 0;
        long sumTree = 0;
        long sumSymbols = 0;
        SymbolTrie shared = new SymbolTrie();
        StringBuilder trieRows = new StringBuilder();
        for (String name : names) {
            byte[] folded = TestData.foldedBytes(name);
            Tree tree = Tree.parseFolded(new String(folded, StandardCharsets.UTF_8));
            SymbolTrie symbols = new SymbolTrie();
            byte[] encodedTree = tree.encode(symbols);
            byte[] encodedSymbols = symbols.encode();
            Tree back = Tree.decode(encodedTree, SymbolTrie.decode(encodedSymbols));
            if (!back.equals(tree)) {
                throw new IllegalStateException(name + ": the encoding does not decode to the same tree");
            }
            tree.encode(shared);
            int gzip = gzip6(folded).length;
            long total = (long) encodedTree.length + encodedSymbols.length;
            out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %.3f |%n", name, tree.nodeCount(),
                    folded.length, gzip, encodedTree.length, encodedSymbols.length, total, (double) total / gzip);
            sumFolded += folded.length;
            sumGzip += gzip;
            sumTree += encodedTree.length;
            sumSymbols += encodedSymbols.length;
            trieRows.append(trieRow(name, symbols));
        }
        out.printf(Locale.ROOT, "| **all %d** | | %,d | %,d | %,d | %,d | %,d | %.3f |%n%n", names.size(), sumFolded,
                sumGzip, sumTree, sumSymbols, sumTree + sumSymbols, (double) (sumTree + sumSymbols) / sumGzip);

        out.println("| profile | names | raw name bytes | trie label bytes | labels / raw | gzip -6 of names"
                + " | encoded symbol table | encoded / gzip | encoded / raw |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.print(trieRows);
        out.print(trieRow("**all, one shared table**", shared));
    }

    /** One row of the symbol-table table: names in id (first-use) order. */
    private static String trieRow(String label, SymbolTrie symbols) throws IOException {
        long raw = 0;
        StringBuilder joined = new StringBuilder();
        for (int id = 0; id < symbols.size(); id++) {
            String name = symbols.name(id);
            raw += name.getBytes(StandardCharsets.UTF_8).length;
            if (id > 0) {
                joined.append('\n');
            }
            joined.append(name);
        }
        int gzip = gzip6(joined.toString().getBytes(StandardCharsets.UTF_8)).length;
        int encoded = symbols.encode().length;
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.3f | %,d | %,d | %.3f | %.3f |%n", label,
                symbols.size(), raw, symbols.labelBytes(), (double) symbols.labelBytes() / raw, gzip, encoded,
                (double) encoded / gzip, (double) encoded / raw);
    }

    /** What {@code gzip -6} makes of {@code bytes} (zlib level 6, gzip header and trailer included). */
    static byte[] gzip6(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new Level6GzipOutputStream(buffer)) {
            gzip.write(bytes);
        }
        return buffer.toByteArray();
    }

    private static final class Level6GzipOutputStream extends GZIPOutputStream {
        Level6GzipOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out);
            def.setLevel(6);
        }
    }
}
