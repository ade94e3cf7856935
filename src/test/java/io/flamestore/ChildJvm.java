package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a test-scope main class with this JVM's java binary, class path and the JVM
 * flags Chronicle Map needs (taken from this JVM's own arguments, which surefire sets from
 * {@code flamestore.jvmFlags}). Its standard output goes to a file that a thread of its own follows
 * line by line, so that everything the child wrote before it died can still be read afterwards (a
 * pipe would do too, but the JDK closes a pipe under a concurrent reader when the process exits);
 * its standard error goes to a file too, shown when something fails.
 */
final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private boolean ended;

    private ChildJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        Thread reader = new Thread(this::pump, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java <flags> -cp <class path> mainClass args}. */
    static ChildJvm start(Path workDir, Class<?> mainClass, String... args) throws IOException {
        return start(workDir, List.of(), Map.of(), mainClass, args);
    }

    /** The same with more JVM options (such as {@code -javaagent:}) and environment variables. */
    static ChildJvm start(Path workDir, List<String> jvmOptions, Map<String, String> environment, Class<?> mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path stdout = Files.createTempFile(workDir, "child-", ".stdout");
        Path stderr = Files.createTempFile(workDir, "child-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE); // kept open: the child exits when it closes
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start(), stdout, stderr);
    }

    /**
     * The flags of this JVM that the child needs: module access for Chronicle Map and Agrona, and the
     * Chronicle system properties. {@code -XX:+IgnoreUnrecognizedVMOptions} goes first, so that a
     * Java 17 child accepts the flags only newer JDKs know.
     */
    static List<String> jvmFlags() {
        List<String> input = inputArguments();
        List<String> flags = new ArrayList<>();
        if (input.contains("-XX:+IgnoreUnrecognizedVMOptions")) {
            flags.add("-XX:+IgnoreUnrecognizedVMOptions");
        }
        for (int i = 0; i < input.size(); i++) {
            String arg = input.get(i);
            boolean takesValue = arg.equals("--add-opens") || arg.equals("--add-exports");
            if (takesValue && i + 1 < input.size()) {
                flags.add(arg);
                flags.add(input.get(++i));
            } else if (arg.startsWith("--add-opens=") || arg.startsWith("--add-exports=")
                    || arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access")
                    || arg.startsWith("-Dchronicle.")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    /**
     * {@code ManagementFactory.getRuntimeMXBean().getInputArguments()}, called reflectively: the
     * tests compile inside the {@code io.flamestore} module, which does not read
     * {@code java.management}; they run on the class path, where every module is readable.
     */
    private static List<String> inputArguments() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Object runtime = factory.getMethod("getRuntimeMXBean").invoke(null);
            Class<?> bean = Class.forName("java.lang.management.RuntimeMXBean");
            List<?> arguments = (List<?>) bean.getMethod("getInputArguments").invoke(runtime);
            List<String> strings = new ArrayList<>();
            arguments.forEach(a -> strings.add((String) a));
            return strings;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read this JVM's arguments", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * The next line the child printed, waiting at most until {@code deadlineNanos}
     * ({@link System#nanoTime()}); empty when the child's output ended or the deadline passed.
     */
    Optional<String> nextLine(long deadlineNanos) throws InterruptedException {
        if (ended) {
            return Optional.empty();
        }
        String line = lines.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
            return Optional.empty();
        }
        if (line.equals(EOF)) {
            ended = true;
            return Optional.empty();
        }
        return Optional.of(line);
    }

    /** Waits for the line {@code expected}, failing (with the child's stderr) on anything else. */
    void expectLine(String expected, long timeoutSeconds) throws InterruptedException {
        Optional<String> line = nextLine(System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds));
        if (line.isEmpty() || !line.get().equals(expected)) {
            fail("child " + pid() + " printed " + line.map(l -> "\"" + l + "\"").orElse("nothing (exited or timed out)")
                    + " instead of \"" + expected + "\"" + diagnostics());
        }
    }

    /** Waits for the child to exit by itself, failing (with its stderr) on a timeout or an exit code other than 0. */
    void expectExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            fail("child " + pid() + " still running after " + timeoutSeconds + " s" + diagnostics());
        }
        if (process.exitValue() != 0) {
            fail("child " + pid() + " failed" + diagnostics());
        }
    }

    /** Kills the child with SIGKILL (on Linux) and checks that it is gone. */
    void kill() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child " + pid() + " still running 30 s after SIGKILL");
        assertFalse(ProcessHandle.of(handle.pid()).map(ProcessHandle::isAlive).orElse(false),
                "child " + pid() + " is still alive after SIGKILL");
        assertFalse(handle.isAlive(), "child " + pid() + " is still alive after SIGKILL");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the child with SIGTERM (on Linux), as a service manager or Ctrl-C does; returns its standard error. */
    String terminate() throws InterruptedException, IOException {
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child " + pid() + " still running 60 s after SIGTERM");
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Exit code and standard error of the child, for failure messages. */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        if (!process.isAlive()) {
            out.append("\nchild exit code: ").append(process.exitValue());
        }
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                out.append("\nchild stderr:\n").append(text.length() > 20_000 ? text.substring(0, 20_000) + "..." : text);
            }
        } catch (IOException e) {
            out.append("\n(cannot read child stderr: ").append(e).append(')');
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Follows the child's output file, queueing each complete line. Once the child is dead and the
     * file holds nothing more, the output has ended; a last line without its line break (the child
     * died while printing it) is dropped.
     */
    private void pump() {
        try (InputStream in = Files.newInputStream(stdout)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                boolean exited = !process.isAlive();
                int n = in.read(buffer);
                if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines.add(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                } else if (exited) {
                    break; // dead before this read found nothing: nothing more will come
                } else {
                    Thread.sleep(1);
                }
            }
        } catch (IOException e) {
            lines.add("(reading the child's output failed: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lines.add(EOF);
        }
    }
}
