package io.flamestore.cli;

import io.flamestore.Tree;
import java.util.Locale;

/**
 * A static SVG flame graph drawn top-down (an icicle graph): root frames in the first row, callees
 * below, in the order the folded text lists them. Each frame is as wide as its total;
 * hovering shows name, self and total. Frames narrower than a pixel are left out, which only hides
 * what could not be seen.
 */
final class FlameGraphSvg {
    private static final int WIDTH = 1200;
    private static final int ROW = 17;
    private static final int TOP = 30;
    private static final double CHAR_WIDTH = 6.6;

    private FlameGraphSvg() {
    }

    static String render(Tree tree, String title) {
        StringBuilder rects = new StringBuilder();
        double scale = tree.total() == 0 ? 0 : (double) WIDTH / tree.total();
        long[] nextX = new long[1024];
        int[] maxDepth = {0};
        tree.visit((depth, name, self, total) -> {
            if (depth + 2 > nextX.length) {
                return; // deeper than any real stack; not drawable on one page anyway
            }
            long x = nextX[depth];
            nextX[depth] += total;
            nextX[depth + 1] = x;
            double width = total * scale;
            if (width < 1) {
                return;
            }
            maxDepth[0] = Math.max(maxDepth[0], depth);
            double percent = 100.0 * total / tree.total();
            rects.append(String.format(Locale.ROOT,
                    "<g><title>%s\nself %,d  total %,d (%.2f%%)</title>"
                            + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    escape(name), self, total, percent, x * scale, TOP + depth * ROW, width, ROW - 1, color(name)));
            int fits = (int) ((width - 6) / CHAR_WIDTH);
            if (fits >= 3) {
                String label = name.length() <= fits ? name : name.substring(0, fits - 2) + "..";
                rects.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>",
                        x * scale + 3, TOP + depth * ROW + ROW - 5, escape(label)));
            }
            rects.append("</g>\n");
        });
        int height = TOP + (maxDepth[0] + 1) * ROW + 10;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"monospace\" font-size=\"11\">\n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fafafa\"/>\n"
                + "<text x=\"%d\" y=\"20\" font-size=\"15\" text-anchor=\"middle\">%s</text>\n%s</svg>\n",
                WIDTH, height, WIDTH / 2, escape(title), rects);
    }

    /** A warm colour that depends only on the name, so one function looks the same everywhere. */
    private static String color(String name) {
        int h = name.hashCode();
        int r = 205 + (h & 0x3F) % 50;
        int g = 80 + ((h >>> 8) & 0xFF) % 130;
        int b = 40 + ((h >>> 16) & 0xFF) % 50;
        return String.format("#%02x%02x%02x", r, g, b);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
