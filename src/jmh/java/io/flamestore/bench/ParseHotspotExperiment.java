package io.flamestore.bench;

import io.flamestore.Tree;
import io.flamestore.internal.tree.NodeTable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * An experiment, not a benchmark of shipped code: how fast could parsing collapsed stacks be if the
 * hotspot that {@code ParseBenchmark} profiles were removed? {@code FoldedParser} and {@code Tree}
 * look at every character of a frame five to six times (line split, empty-frame check, NUL check,
 * {@code ;} split, a serial {@code 31 * h + c} hash over the whole name, a {@code charAt} compare).
 * {@link Prototype} does one tight scan per frame, hashes only the length and the last
 * {@value #HASHED_CHARS} characters, and compares names with the vectorized {@link Arrays#equals}.
 * It builds into the same {@link NodeTable} and must give the same totals and node counts.
 *
 * <p>Implementations run interleaved, one second each per round, so that load from other processes
 * hits all of them alike; each is scored in megabytes per CPU-second of the parsing thread (garbage
 * collection excluded, which favours the converter that allocates most: async-profiler).
 *
 * <pre>java -cp target/benchmarks.jar io.flamestore.bench.ParseHotspotExperiment [rounds [profile...]]</pre>
 */
public final class ParseHotspotExperiment {
    static final int HASHED_CHARS = 16;

    private ParseHotspotExperiment() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        List<String> profiles = args.length > 1
                ? Arrays.asList(args).subList(1, args.length)
                : List.of("goland_cpu", "google-pprof-large.cpu.samples", "kafka_cpu_3");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"Tree.parseFolded", "async-profiler", "prototype"};
        System.out.printf("Java %s; megabytes of folded text per CPU-second of the parsing thread,"
                + " median of rounds 3..%d%n%n", System.getProperty("java.version"), rounds);
        System.out.println("| profile | " + String.join(" | ", names) + " | prototype / Tree.parseFolded"
                + " | prototype / async-profiler |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String profile : profiles) {
            String text = TestData.foldedText(profile);
            double megabytes = TestData.megabytes(text.getBytes(StandardCharsets.UTF_8).length);
            Tree reference = Tree.parseFolded(text);
            Prototype check = Prototype.parse(new StringReader(text));
            if (check.total != reference.total() || check.nodes.size() - 1 != reference.nodeCount()) {
                throw new IllegalStateException(profile + ": prototype gives total " + check.total + " and "
                        + (check.nodes.size() - 1) + " nodes, Tree.parseFolded " + reference);
            }
            double[][] rates = new double[names.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int impl = 0; impl < names.length; impl++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    int reps = 0;
                    while (System.nanoTime() - start < 1_000_000_000L) {
                        run(impl, text);
                        reps++;
                    }
                    rates[impl][round] = reps * megabytes / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
                }
            }
            double[] medians = new double[names.length];
            for (int impl = 0; impl < names.length; impl++) {
                double[] measured = Arrays.copyOfRange(rates[impl], Math.min(2, rounds - 1), rounds);
                Arrays.sort(measured);
                medians[impl] = measured.length % 2 == 1 ? measured[measured.length / 2]
                        : (measured[measured.length / 2 - 1] + measured[measured.length / 2]) / 2;
            }
            System.out.printf("| %s | %.0f | %.0f | %.0f | %.2f | %.2f |%n", profile, medians[0], medians[1],
                    medians[2], medians[2] / medians[0], medians[2] / medians[1]);
        }
    }

    private static Object run(int impl, String text) throws IOException {
        switch (impl) {
            case 0:
                return Tree.parseFolded(new StringReader(text));
            case 1:
                FlameGraph graph = new FlameGraph(new Arguments());
                graph.parseCollapsed(new StringReader(text));
                return graph;
            default:
                return Prototype.parse(new StringReader(text));
        }
    }

    /** Just enough of a strict folded parser to measure: one pass per frame, bounded hash. */
    static final class Prototype {
        final NodeTable nodes = new NodeTable();
        long total;
        private char[][] names = new char[64][];
        private int[] hashes = new int[64];
        private int size;
        private int[] slots = emptySlots(128);

        static Prototype parse(Reader reader) throws IOException {
            Prototype p = new Prototype();
            char[] buf = new char[1 << 16];
            int length = 0;
            while (true) {
                int n = reader.read(buf, length, buf.length - length);
                if (n < 0) {
                    p.line(buf, 0, length);
                    return p;
                }
                int from = length;
                length += n;
                int lineStart = 0;
                for (int i = from; i < length; i++) {
                    if (buf[i] == '\n') {
                        p.line(buf, lineStart, i);
                        lineStart = i + 1;
                    }
                }
                length -= lineStart;
                System.arraycopy(buf, lineStart, buf, 0, length);
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }

        private void line(char[] b, int start, int end) {
            while (start < end && isBlank(b[start])) {
                start++;
            }
            while (end > start && isBlank(b[end - 1])) {
                end--;
            }
            if (start == end) {
                return;
            }
            int space = end - 1;
            while (space >= start && b[space] != ' ' && b[space] != '\t') {
                space--;
            }
            long value = 0;
            for (int i = space + 1; i < end; i++) {
                int digit = b[i] - '0';
                if (space < start || digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                    throw new IllegalArgumentException("bad count in: " + new String(b, start, end - start));
                }
                value = value * 10 + digit;
            }
            int stackEnd = space;
            while (stackEnd > start && isBlank(b[stackEnd - 1])) {
                stackEnd--;
            }
            if (value == 0) {
                return;
            }
            int node = NodeTable.ROOT;
            nodes.addTotal(node, value);
            boolean nul = false;
            for (int frameStart = start; frameStart <= stackEnd; ) {
                int i = frameStart;
                char c;
                while (i < stackEnd && (c = b[i]) != ';') {
                    nul |= c == 0;
                    i++;
                }
                if (i == frameStart) {
                    throw new IllegalArgumentException("empty frame in: " + new String(b, start, end - start));
                }
                int hash = i - frameStart;
                for (int k = Math.max(frameStart, i - HASHED_CHARS); k < i; k++) {
                    hash = 31 * hash + b[k];
                }
                node = nodes.childOrAdd(node, intern(b, frameStart, i, hash));
                nodes.addTotal(node, value);
                frameStart = i + 1;
            }
            if (nul) {
                throw new IllegalArgumentException("NUL in: " + new String(b, start, end - start));
            }
            nodes.addSelf(node, value);
            total += value;
        }

        private int intern(char[] chars, int from, int to, int hash) {
            int mask = slots.length - 1;
            int slot = mix(hash) & mask;
            for (int id; (id = slots[slot]) >= 0; slot = (slot + 1) & mask) {
                if (hashes[id] == hash && Arrays.equals(names[id], 0, names[id].length, chars, from, to)) {
                    return id;
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            int id = size++;
            names[id] = Arrays.copyOfRange(chars, from, to);
            hashes[id] = hash;
            slots[slot] = id;
            if (size * 2 > slots.length) {
                slots = emptySlots(slots.length * 2);
                for (int n = 0; n < size; n++) {
                    int s = mix(hashes[n]) & (slots.length - 1);
                    while (slots[s] >= 0) {
                        s = (s + 1) & (slots.length - 1);
                    }
                    slots[s] = n;
                }
            }
            return id;
        }

        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF';
        }

        private static int[] emptySlots(int capacity) {
            int[] s = new int[capacity];
            Arrays.fill(s, -1);
            return s;
        }
    }
}
