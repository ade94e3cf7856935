package io.flamestore.cli;

import io.flamestore.FoldedParser;
import io.flamestore.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Collapsed stacks into one series: {@code --app} over {@code [--from, --until)}, 10 s by default. */
final class FoldedIngest {
    private FoldedIngest() {
    }

    static String store(IngestCommand.Target target, String file) throws IOException {
        if (target.from() == null) {
            throw new UsageException("collapsed stacks carry no time: give --from (and --until, default --from + 10 s)");
        }
        long from = target.from();
        long until = target.until() != null ? target.until() : from + 10;
        boolean lenient = Boolean.parseBoolean(target.options().string("lenient", "false"));
        FoldedParser.Result parsed;
        try (InputStream in = target.open(file)) {
            parsed = (lenient ? FoldedParser.lenient() : FoldedParser.strict()).source(file).parse(in);
        }
        Tree tree = parsed.tree();
        IngestCommand.put(target.storage(), target.key().toString(), from, until, tree);
        return String.format(Locale.ROOT, "%,d lines, %,d samples, %,d nodes into %s%s", parsed.lines(), tree.total(),
                tree.nodeCount(), target.key(), parsed.skippedLines() == 0 ? ""
                        : ", " + parsed.skippedLines() + " lines skipped, the first: " + parsed.firstProblem());
    }
}
