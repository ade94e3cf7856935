package io.flamestore.cli;

import io.flamestore.Query;
import io.flamestore.QueryResult;
import io.flamestore.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code flamestore query}: merges every series a selector matches over a time range and shows the
 * result as a top-functions table with a timeline, or writes it as collapsed stacks, flamebearer
 * JSON, an HTML flame graph or pprof.
 */
final class QueryCommand {
    static final String USAGE = "query --query SELECTOR [--from TIME] [--until TIME] [--format top|collapsed|json|html|pprof]\n"
            + "        [--out FILE] [--max-nodes N] [--top N] [--store DIR]";
    private static final Set<String> OPTIONS = Set.of("query", "from", "until", "format", "out", "max-nodes", "top",
            StoreDir.OPTION);

    private QueryCommand() {
    }

    static void run(List<String> args, long now, PrintStream out) throws IOException {
        Options options = Options.parse(args, OPTIONS);
        String selector = options.required("query");
        long from = options.time("from", "now-1h", now);
        long until = options.time("until", "now", now);
        Output output = Output.of(options);
        Query query = parseQuery(selector, from, until);
        try (Storage storage = StoreDir.existing(options)) {
            QueryResult result = storage.get(query);
            if (output.isTable()) {
                Report report = new Report(out);
                report.summary(selector, result);
                report.timeline("timeline", result.timeline(), 60);
                report.top(result.tree(), options.integer("top", 10, 1, 10_000));
                return;
            }
            output.write(selector, result, out);
        }
    }

    /** The query, with the library's message (which points at the error) as a usage error. */
    static Query parseQuery(String selector, long from, long until) {
        try {
            return Query.parse(selector, from, until);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
