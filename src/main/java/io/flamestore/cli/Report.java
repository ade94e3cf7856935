package io.flamestore.cli;

import io.flamestore.FunctionChange;
import io.flamestore.FunctionStats;
import io.flamestore.QueryResult;
import io.flamestore.Timeline;
import io.flamestore.Tree;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The tables a person reads at a terminal: top functions, timeline, per-function change. */
final class Report {
    /** No data, then nine levels; ASCII, so that any terminal encoding shows it. */
    private static final String BARS = " _.,:-=+*#";

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void summary(String label, QueryResult result) {
        Timeline timeline = result.timeline();
        out.printf(Locale.ROOT, "%s: %,d %s from %d series, %d stored trees merged, %s to %s%n", label,
                result.tree().total(), result.metadata().units(), result.stats().seriesMatched(),
                result.stats().treesMerged(), Instant.ofEpochSecond(timeline.startEpochSeconds()),
                Instant.ofEpochSecond(timeline.endEpochSeconds()));
    }

    /** The hottest functions by self, then by total. */
    void top(Tree tree, int rows) {
        List<FunctionStats> functions = tree.functions();
        printTop("by self (samples where the function itself ran)", functions, tree.total(), rows);
        List<FunctionStats> byTotal = new ArrayList<>(functions);
        byTotal.sort((a, b) -> Long.compare(b.total(), a.total()));
        printTop("by total (samples with the function anywhere on the stack)", byTotal, tree.total(), rows);
    }

    private void printTop(String heading, List<FunctionStats> functions, long total, int rows) {
        out.printf(Locale.ROOT, "%nTop %d functions %s:%n", Math.min(rows, functions.size()), heading);
        out.printf(Locale.ROOT, "  %7s %7s  %s%n", "self%", "total%", "function");
        for (FunctionStats f : functions.subList(0, Math.min(rows, functions.size()))) {
            out.printf(Locale.ROOT, "  %6.2f%% %6.2f%%  %s%n", percent(f.self(), total), percent(f.total(), total), f.name());
        }
    }

    /**
     * The timeline as one line of bars, scaled to its largest point, with blanks where there is no
     * data, and what one bar stands for.
     */
    void timeline(String label, Timeline timeline, int width) {
        int points = timeline.size();
        int perBar = Math.max(1, (points + width - 1) / width);
        long max = 1;
        long[] sums = new long[(points + perBar - 1) / perBar];
        boolean[] any = new boolean[sums.length];
        for (int i = 0; i < points; i++) {
            sums[i / perBar] += timeline.value(i);
            any[i / perBar] |= timeline.hasData(i);
        }
        for (long sum : sums) {
            max = Math.max(max, sum);
        }
        StringBuilder bars = new StringBuilder();
        for (int b = 0; b < sums.length; b++) {
            bars.append(any[b] ? BARS.charAt(1 + (int) ((BARS.length() - 2) * sums[b] / max)) : ' ');
        }
        out.printf(Locale.ROOT, "  %-22s |%s| peak %,d per %d s%n", label, bars, max, timeline.stepSeconds() * perBar);
    }

    /** The functions whose share changed most between the two sides. */
    void changes(List<FunctionChange> changes, int rows) {
        out.printf(Locale.ROOT, "%nFunctions whose share changed most (self share left -> right; total share):%n");
        out.printf(Locale.ROOT, "  %7s %7s %8s   %7s %7s  %s%n", "left", "right", "change", "left", "right", "function");
        for (FunctionChange c : changes.subList(0, Math.min(rows, changes.size()))) {
            out.printf(Locale.ROOT, "  %6.2f%% %6.2f%% %+7.2f   %6.2f%% %6.2f%%  %s%n", 100 * c.leftSelfShare(),
                    100 * c.rightSelfShare(), 100 * c.selfShareChange(), 100 * c.leftTotalShare(),
                    100 * c.rightTotalShare(), c.name());
        }
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
