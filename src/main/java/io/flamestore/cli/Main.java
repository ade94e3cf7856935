package io.flamestore.cli;

import io.flamestore.CorruptDataException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The {@code flamestore} command. User mistakes end in one line on standard error and exit code 2;
 * unreadable or corrupt input in exit code 1; never a stack trace.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLibraries();
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * Chronicle reports usage and start-up banners unless told not to; SLF4J warns that no logging
     * backend is bound. Neither helps a person at a terminal. Flags given on the command line win.
     */
    private static void quietLibraries() {
        for (String property : List.of("chronicle.analytics.disable", "chronicle.announcer.disable")) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty() || Set.of("--help", "-h", "help").contains(args.get(0))) {
                out.println(usage());
                return args.isEmpty() ? 2 : 0;
            }
            long now = System.currentTimeMillis() / 1000;
            List<String> rest = args.subList(1, args.size());
            switch (args.get(0)) {
                case "demo" -> {
                    Options options = Options.parse(rest, Set.of("testdata", "out"));
                    new Demo(options.path("testdata", defaultTestdata()), options.path("out", Path.of("target", "demo")), out).run();
                }
                case "ingest" -> IngestCommand.run(rest, now, out, err);
                case "query" -> QueryCommand.run(rest, now, out);
                case "diff" -> DiffCommand.run(rest, now, out);
                case "labels" -> DiscoveryCommands.labels(rest, now, out);
                case "apps" -> DiscoveryCommands.apps(rest, out);
                case "serve" -> ServeCommand.run(rest, out);
                default -> throw new UsageException("unknown command '" + args.get(0) + "'\n" + usage());
            }
            return 0;
        } catch (UsageException e) {
            err.println("flamestore: " + e.getMessage());
            return 2;
        } catch (CorruptDataException e) {
            err.println("flamestore: corrupt data: " + e.getMessage());
            return 1;
        } catch (IOException | IllegalStateException e) {
            err.println("flamestore: " + e.getMessage());
            return 1;
        }
    }

    private static Path defaultTestdata() {
        String configured = System.getProperty("flamestore.testdata");
        return Path.of(configured != null ? configured : "../shared/testdata");
    }

    private static String usage() {
        return String.join("\n",
                "usage: flamestore <command> [options]",
                "",
                "  demo [--testdata DIR] [--out DIR]",
                "      store the ride-share scenario and the real test profiles, investigate, write HTML flame graphs",
                "  " + IngestCommand.USAGE,
                "  " + QueryCommand.USAGE,
                "  " + DiffCommand.USAGE,
                "  " + DiscoveryCommands.LABELS_USAGE,
                "  " + DiscoveryCommands.APPS_USAGE,
                "  " + ServeCommand.USAGE,
                "",
                "TIME is Unix seconds (or ms, us, ns by digit count), ISO-8601 (2024-05-01T12:00:00Z) or now-1h",
                "(units s m h d w). SELECTOR is app.cpu{label=\"value\", other=~\"re.*\"}. The store defaults to ./"
                        + StoreDir.DEFAULT + ".");
    }
}
