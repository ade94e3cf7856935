package io.flamestore.cli;

import io.flamestore.FunctionChange;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code flamestore diff}: compares two queries (two selectors, two time ranges, or both): their
 * totals and timelines, and the functions whose share of the time changed most.
 */
final class DiffCommand {
    static final String USAGE = "diff --query SELECTOR | --left SELECTOR --right SELECTOR\n"
            + "        [--left-from TIME] [--left-until TIME] [--right-from TIME] [--right-until TIME]\n"
            + "        [--format top|collapsed|json|html] [--out FILE] [--max-nodes N] [--top N] [--store DIR]";
    private static final Set<String> OPTIONS = Set.of("query", "left", "right", "left-from", "left-until", "right-from",
            "right-until", "format", "out", "max-nodes", "top", StoreDir.OPTION);

    private DiffCommand() {
    }

    static void run(List<String> args, long now, PrintStream out) throws IOException {
        Options options = Options.parse(args, OPTIONS);
        String left = options.string("left", options.string("query", null));
        String right = options.string("right", options.string("query", null));
        if (left == null || right == null) {
            throw new UsageException("diff needs --query, or --left and --right");
        }
        Output output = Output.of(options);
        try (Storage storage = StoreDir.existing(options)) {
            QueryResult before = storage.get(QueryCommand.parseQuery(left,
                    options.time("left-from", "now-2h", now), options.time("left-until", "now-1h", now)));
            QueryResult after = storage.get(QueryCommand.parseQuery(right,
                    options.time("right-from", "now-1h", now), options.time("right-until", "now", now)));
            if (output.isTable()) {
                Report report = new Report(out);
                report.summary("left  " + left, before);
                report.summary("right " + right, after);
                report.timeline("left", before.timeline(), 60);
                report.timeline("right", after.timeline(), 60);
                List<FunctionChange> changes = FunctionChange.between(before.tree(), after.tree());
                report.changes(changes, options.integer("top", 10, 1, 10_000));
                return;
            }
            output.writeDiff(left + " vs " + right, before, after, out);
        }
    }
}
