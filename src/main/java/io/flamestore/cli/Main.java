package io.flamestore.cli;

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
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
                out.println(usage());
                return args.isEmpty() ? 2 : 0;
            }
            String command = args.get(0);
            if (command.equals("demo")) {
                Options options = Options.parse(args.subList(1, args.size()), Set.of("testdata", "out"));
                new Demo(options.path("testdata", defaultTestdata()), options.path("out", Path.of("target", "demo")), out).run();
                return 0;
            }
            throw new UsageException("unknown command '" + command + "'\n" + usage());
        } catch (UsageException e) {
            err.println("flamestore: " + e.getMessage());
            return 2;
        } catch (IOException e) {
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
                "commands:",
                "  demo [--testdata DIR] [--out DIR]   parse the real profiles in DIR/folded, merge them,",
                "                                      show the top functions and write the merged profile");
    }
}
