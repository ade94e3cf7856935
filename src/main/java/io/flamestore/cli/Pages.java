package io.flamestore.cli;

import io.flamestore.FlameGraphHtml;
import io.flamestore.Flamebearer;
import io.flamestore.QueryResult;
import io.flamestore.TreeDiff;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The HTML flame graphs the demo writes into its output folder, each announced on {@code out}. */
final class Pages {
    private final Path dir;
    private final PrintStream out;

    Pages(Path dir, PrintStream out) {
        this.dir = dir;
        this.out = out;
    }

    void flameGraph(String name, String title, QueryResult result) throws IOException {
        write(name + ".html", FlameGraphHtml.render(Flamebearer.of(result).withName(title)));
    }

    void diff(String name, String title, QueryResult left, QueryResult right) throws IOException {
        write(name + ".html", FlameGraphHtml.render(Output.diff(title, left, right)));
    }

    private void write(String file, String content) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(file);
        Files.writeString(path, content);
        out.println("  wrote " + path.toAbsolutePath().normalize());
    }
}
