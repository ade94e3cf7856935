package io.flamestore.cli;

import io.flamestore.QueryResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The flame graph pages the demo writes into its output folder, each announced on {@code out}. */
final class Pages {
    private final Path dir;
    private final PrintStream out;

    Pages(Path dir, PrintStream out) {
        this.dir = dir;
        this.out = out;
    }

    void flameGraph(String name, String title, QueryResult result) throws IOException {
        write(name + ".svg", FlameGraphSvg.render(result.tree(), title));
    }

    void diff(String name, String title, QueryResult left, QueryResult right) throws IOException {
        write(name + "-left.svg", FlameGraphSvg.render(left.tree(), title + " (left)"));
        write(name + "-right.svg", FlameGraphSvg.render(right.tree(), title + " (right)"));
    }

    private void write(String file, String content) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(file);
        Files.writeString(path, content);
        out.println("  wrote " + path.toAbsolutePath().normalize());
    }
}
