package io.flamestore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Entry point of {@code target/benchmarks.jar}: JMH's own command line, plus the JVM flags that
 * Chronicle Map and Agrona need appended to every fork, so nobody has to type them.
 *
 * <p>The flags come from the resource {@value #FLAGS_RESOURCE}, which the {@code jmh} Maven profile
 * fills in from the {@code flamestore.jvmFlags} property of {@code pom.xml} (the single list of those
 * flags). Any {@code -jvmArgsAppend} given on the command line is kept and comes after them. Unless
 * {@code -foe false} is given, a benchmark that throws fails the whole run with a non-zero exit code.
 * The test-data location ({@code -Dflamestore.testdata=...} given to this JVM) is passed to the forks.
 */
public final class BenchmarkMain {
    /** Class-path resource holding the JVM flags, whitespace-separated. */
    static final String FLAGS_RESOURCE = "/flamestore-jvm.flags";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line:");
            System.err.println(" " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cmd.shouldHelp()) {
            cmd.showHelp();
            return;
        }
        if (cmd.shouldListProfilers()) {
            cmd.listProfilers();
            return;
        }
        if (cmd.shouldListResultFormats()) {
            cmd.listResultFormats();
            return;
        }

        List<String> append = new ArrayList<>(jvmFlags());
        String testData = System.getProperty(TestData.PROPERTY);
        if (testData != null) {
            append.add("-D" + TestData.PROPERTY + "=" + testData);
        }
        if (cmd.getJvmArgsAppend().hasValue()) {
            append.addAll(cmd.getJvmArgsAppend().get());
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(cmd)
                .jvmArgsAppend(append.toArray(new String[0]));
        if (!cmd.shouldFailOnError().hasValue()) {
            options.shouldFailOnError(true);
        }
        Runner runner = new Runner(options.build());
        try {
            if (cmd.shouldList()) {
                runner.list();
            } else if (cmd.shouldListWithParams()) {
                runner.listWithParams(cmd);
            } else {
                runner.run();
            }
        } catch (NoBenchmarksException e) {
            System.err.println("No matching benchmarks. Miss-spelled regexp? Use -l to list them.");
            System.exit(1);
        } catch (RunnerException e) {
            System.err.print("ERROR: ");
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** The JVM flags from {@value #FLAGS_RESOURCE}, in order. */
    static List<String> jvmFlags() {
        String text;
        try (InputStream in = BenchmarkMain.class.getResourceAsStream(FLAGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + FLAGS_RESOURCE + " is missing from the class path;"
                        + " build the benchmarks with: mvn -Pjmh -DskipTests package");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + FLAGS_RESOURCE, e);
        }
        if (text.isEmpty() || text.contains("${")) {
            throw new IllegalStateException("resource " + FLAGS_RESOURCE + " was not filled in by Maven"
                    + " (it holds \"" + text + "\"); build with: mvn -Pjmh -DskipTests package");
        }
        return Arrays.asList(text.split("\\s+"));
    }
}
