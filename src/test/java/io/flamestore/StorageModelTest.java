package io.flamestore;

import static io.flamestore.TreeAssertions.assertTreeBetween;
import static io.flamestore.TreeAssertions.assertTreeEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage against a naive model that keeps every put as (series, start, end, tree) and answers a
 * query by merging the puts that lie in the widened range. Random sequences of puts (aligned 10 s
 * profiles, sub-slot and instant ones, multi-slot ones with unaligned starts, late writes hours to
 * a year into the past), reopens, tree queries with all four matcher kinds over ranges from one
 * slot to all time, and label queries.
 *
 * <p>To keep the model exact without re-implementing the split of multi-slot profiles, those lie
 * inside fixed one-hour blocks; block-aligned, day and week ranges contain or miss each of them
 * whole, and other ranges compare against bounds (stack by stack, at least the profiles wholly in
 * the range and at most those touching it), exactly where no multi-slot profile straddles a bound.
 */
class StorageModelTest {
    private static final String[] APPS = {"shop.cpu", "fleet.cpu"};
    private static final String[] REGIONS = {"us-west-1", "eu-north-1", "ap-south-1"};
    private static final String[] VEHICLES = {"car", "bike", "scooter"};
    private static final String[] FRAMES = {"main", "handle", "order", "lock", "db", "gc", "io", "json"};
    /** host: a label no series has. */
    private static final String[] MATCHER_LABELS = {"region", "region", "vehicle", "vehicle", "host"};
    private static final String[] LITERALS = {"us-west-1", "eu-north-1", "ap-south-1", "car", "bike", "scooter", "", "nope"};
    private static final String[] REGEXES = {".*", ".+", "us-.*", ".*-1", "eu-north-1|ap-south-1", "car|bike", "b.*",
        "s.*r", "", "x", "(car)?"};
    private static final String[] OPS = {"=", "!=", "=~", "!~"};
    private static final long SLOT = 10;
    private static final long BLOCK = 3600;
    private static final long DAY = 86_400;
    /** Days back of the blocks that receive late writes. */
    private static final long[] PAST_DAYS = {1, 2, 6, 13, 45, 400};
    private static final int CASES = 3;
    private static final int OPERATIONS = 900;

    @TempDir
    Path tmp;

    private int caseNumber;

    /** A series: application name and labels (never an empty value). */
    private record Series(String app, Map<String, String> labels) {
    }

    /** One put as the model keeps it, with the slots it covers: [fromSlot, untilSlot). */
    private record Put(Series series, long start, long end, Tree tree) {
        long fromSlot() {
            return floor(start);
        }

        long untilSlot() {
            return start == end ? floor(start) + SLOT : ceil(end);
        }

        /** Whether one of its slots lies in [from, until); never for an empty range. */
        boolean overlaps(long from, long until) {
            return Math.max(fromSlot(), from) < Math.min(untilSlot(), until);
        }
    }

    /** A query as generated: application, matchers as (label, op, operand), range. */
    private record Q(String app, List<String[]> matchers, long from, long until, String text) {
        long wideFrom() {
            return floor(from);
        }

        long wideUntil() {
            return ceil(until);
        }

        Query parse() {
            return Query.parse(text, from, until);
        }

        @Override
        public String toString() {
            return text + " [" + from + ", " + until + ")";
        }
    }

    @Test
    void storageAgreesWithNaiveModel() {
        PropertyRunner.forAll("StorageModelTest.storageAgreesWithNaiveModel", CASES, random -> {
            try {
                new Run(random, tmp.resolve("case" + caseNumber++)).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One random operation sequence against one store. */
    private static final class Run {
        final SplittableRandom random;
        final Path dir;
        final StorageOptions options;
        /** Day-aligned, so that days and weeks are unions of blocks. */
        final long base;
        final long[] blocks;
        final List<Put> puts = new ArrayList<>();
        final Set<Series> series = new LinkedHashSet<>();
        Storage storage;
        int op;
        int reopens;
        int inexact;

        Run(SplittableRandom random, Path dir) {
            this.random = random;
            this.dir = dir;
            // A small index per partition: queries over empty time create partitions (see
            // QueryFootprintTest), hundreds per case, which at the default size take 55 MB each.
            this.options = StorageOptions.builder()
                    .indexEntriesPerPartition(1 << 10)
                    .maxOpenPartitions(new int[] {2, 4, 8}[random.nextInt(3)])
                    .build();
            this.base = DAY * (17_000 + random.nextInt(3_000));
            List<Long> b = new ArrayList<>();
            for (long hour = 0; hour < 8; hour++) {
                b.add(hour);
            }
            for (long days : PAST_DAYS) {
                b.add(-days * (DAY / BLOCK) + random.nextInt(24));
            }
            this.blocks = b.stream().mapToLong(Long::longValue).toArray();
        }

        void run() throws IOException {
            long began = System.nanoTime();
            storage = Storage.open(dir, options);
            try {
                for (op = 0; op < OPERATIONS; op++) {
                    int kind = random.nextInt(100);
                    if (kind < 55) {
                        put();
                    } else if (kind < 87) {
                        treeQuery();
                    } else if (kind < 98) {
                        labelQuery();
                    } else {
                        assertEquals(new ArrayList<>(new TreeSet<>(series.stream().map(Series::app).toList())),
                                storage.appNames(), "op " + op + ": appNames");
                    }
                    if (random.nextInt(120) == 0) {
                        storage.close();
                        storage = Storage.open(dir, options);
                        reopens++;
                    }
                }
                // Finally, all of it, after a reopen.
                storage.close();
                storage = Storage.open(dir, options);
                for (String app : APPS) {
                    check(new Q(app, List.of(), 0, Query.MAX_EPOCH_SECONDS, app), true);
                }
            } finally {
                storage.close();
            }
            System.out.println("StorageModelTest: " + OPERATIONS + " operations, " + puts.size() + " puts, "
                    + series.size() + " series, " + reopens + " reopens, " + inexact
                    + " queries checked against bounds, maxOpenPartitions=" + options.maxOpenPartitions() + ", "
                    + (System.nanoTime() - began) / 1_000_000 + " ms");
        }

        // --- puts ---

        void put() throws IOException {
            long blockStart = base + blocks[pickBlock()] * BLOCK;
            long start;
            long end;
            int shape = random.nextInt(100);
            if (shape < 62) {
                start = blockStart + SLOT * random.nextInt((int) (BLOCK / SLOT));
                end = start + SLOT;
            } else if (shape < 72) {
                // Inside one slot, possibly an instant.
                long slot = blockStart + SLOT * random.nextInt((int) (BLOCK / SLOT));
                int a = random.nextInt(10);
                start = slot + a;
                end = slot + a + random.nextInt(11 - a);
            } else {
                // Several slots, unaligned start, inside the block.
                long duration = 10 + random.nextInt(291);
                start = blockStart + random.nextLong(BLOCK - duration + 1);
                end = start + duration;
            }
            if (random.nextInt(5) == 0) {
                // One upload carrying several series.
                Map<Series, Tree> trees = new LinkedHashMap<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    trees.putIfAbsent(randomSeries(), randomTree());
                }
                Map<String, Tree> batch = new LinkedHashMap<>();
                trees.forEach((s, tree) -> batch.put(keyText(s), tree));
                storage.put(batch, start, end);
                for (Map.Entry<Series, Tree> e : trees.entrySet()) {
                    record(e.getKey(), start, end, e.getValue());
                }
            } else {
                Series s = randomSeries();
                Tree tree = randomTree();
                storage.put(keyText(s), start, end, tree);
                record(s, start, end, tree);
            }
        }

        void record(Series s, long start, long end, Tree tree) {
            series.add(s);
            puts.add(new Put(s, start, end, tree.copy()));
        }

        int pickBlock() {
            // Mostly the recent eight hours, often the past.
            return random.nextInt(10) < 6 ? random.nextInt(8) : 8 + random.nextInt(PAST_DAYS.length);
        }

        Series randomSeries() {
            Map<String, String> labels = new TreeMap<>();
            if (random.nextInt(5) != 0) {
                labels.put("region", REGIONS[random.nextInt(REGIONS.length)]);
            }
            if (random.nextInt(5) != 0) {
                labels.put("vehicle", VEHICLES[random.nextInt(VEHICLES.length)]);
            }
            return new Series(APPS[random.nextInt(APPS.length)], labels);
        }

        /** The key in one of its many spellings: any label order, spaces, quotes, an empty label. */
        String keyText(Series s) {
            List<String> parts = new ArrayList<>();
            s.labels().forEach((k, v) -> parts.add(k + space() + "=" + space() + (random.nextBoolean() ? "\"" + v + "\"" : v)));
            if (random.nextInt(8) == 0) {
                parts.add(random.nextBoolean() ? "host=" : "host=\"\"");
            }
            Collections.shuffle(parts, new java.util.Random(random.nextLong()));
            if (parts.isEmpty() && random.nextBoolean()) {
                return s.app();
            }
            return s.app() + space() + "{" + space() + String.join("," + space(), parts) + space() + "}";
        }

        String space() {
            return random.nextInt(4) == 0 ? " " : "";
        }

        Tree randomTree() {
            Tree tree = new Tree();
            for (int stacks = random.nextInt(5); stacks > 0; stacks--) {
                List<String> frames = new ArrayList<>();
                for (int depth = 1 + random.nextInt(4); depth > 0; depth--) {
                    frames.add(FRAMES[random.nextInt(FRAMES.length)]);
                }
                tree.insert(frames, random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(1000));
            }
            return tree;
        }

        // --- queries ---

        Q randomQuery() {
            String app = random.nextInt(12) == 0 ? "ghost.cpu" : APPS[random.nextInt(APPS.length)];
            List<String[]> matchers = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                String op = OPS[random.nextInt(4)];
                String[] operands = op.contains("~") ? REGEXES : LITERALS;
                matchers.add(new String[] {MATCHER_LABELS[random.nextInt(MATCHER_LABELS.length)], op,
                        operands[random.nextInt(operands.length)]});
            }
            StringBuilder text = new StringBuilder(app);
            if (!matchers.isEmpty() || random.nextBoolean()) {
                List<String> parts = new ArrayList<>();
                for (String[] m : matchers) {
                    parts.add(m[0] + space() + m[1] + space() + "\"" + m[2] + "\"");
                }
                text.append('{').append(String.join("," + space(), parts)).append('}');
            }
            long[] range = randomRange();
            return new Q(app, matchers, range[0], range[1], text.toString());
        }

        long[] randomRange() {
            long blockStart = base + blocks[pickBlock()] * BLOCK;
            int kind = random.nextInt(100);
            if (kind < 20) {
                // Whole blocks.
                long from = blockStart - BLOCK * random.nextInt(4);
                return new long[] {from, from + BLOCK * (1 + random.nextInt(30))};
            } else if (kind < 28) {
                // All time, or 830 days: nodes up to level 8 or 7. (Over 830 days, the timeline's
                // step of 10^5 s keeps it to level-4 nodes and up, in the rollup partition.)
                return random.nextBoolean() ? new long[] {0, Query.MAX_EPOCH_SECONDS}
                        : new long[] {base - 800 * DAY, base + 30 * DAY};
            } else if (kind < 40) {
                // Whole days and weeks: high levels of the time index.
                long day = blockStart - Math.floorMod(blockStart, DAY) - DAY * random.nextInt(3);
                return new long[] {day, day + DAY * new long[] {1, 2, 7, 14, 28}[random.nextInt(5)]};
            } else if (kind < 68) {
                // Anywhere, unaligned, short to days long.
                long from = Math.max(0, blockStart - BLOCK + random.nextLong(3 * BLOCK));
                long length = new long[] {random.nextInt(101), random.nextInt(5_001), random.nextLong(3 * DAY)}[random.nextInt(3)];
                return new long[] {from, from + length};
            } else if (kind < 88 && !puts.isEmpty()) {
                // Around a put: its slot, inside its slot (even empty), or a little wider.
                Put p = puts.get(random.nextInt(puts.size()));
                return switch (random.nextInt(3)) {
                    case 0 -> new long[] {p.fromSlot(), p.fromSlot() + SLOT};
                    case 1 -> {
                        long at = p.fromSlot() + random.nextInt(10);
                        yield new long[] {at, at + random.nextInt((int) (p.fromSlot() + SLOT - at) + 1)};
                    }
                    default -> new long[] {Math.max(0, p.start() - random.nextInt(30)), p.end() + random.nextInt(30)};
                };
            } else {
                long slot = blockStart + SLOT * random.nextInt((int) (BLOCK / SLOT));
                return new long[] {slot, slot + SLOT * (1 + random.nextInt(3))};
            }
        }

        void treeQuery() throws IOException {
            check(randomQuery(), random.nextInt(5) == 0);
        }

        /** Compares tree, timeline and stats with the model; optionally repeats the query. */
        void check(Q q, boolean repeat) throws IOException {
            String context = "op " + op + ": " + q;
            long wideFrom = q.wideFrom();
            long wideUntil = q.wideUntil();
            QueryResult result = storage.get(q.parse());

            Tree lower = new Tree();
            Tree upper = new Tree();
            boolean exact = true;
            Timeline shape = Timeline.builder(q.from(), q.until()).build();
            long start = shape.startEpochSeconds();
            long step = shape.stepSeconds();
            long[] pointLower = new long[shape.size()];
            long[] pointUpper = new long[shape.size()];
            boolean[] pointData = new boolean[shape.size()];
            for (Put p : puts) {
                if (!matches(p.series(), q) || !p.overlaps(wideFrom, wideUntil)) {
                    continue;
                }
                upper.merge(p.tree());
                if (wideFrom <= p.fromSlot() && p.untilSlot() <= wideUntil) {
                    lower.merge(p.tree());
                } else {
                    exact = false;
                }
                long first = Math.max(p.fromSlot(), wideFrom);
                long last = Math.min(p.untilSlot(), wideUntil);
                for (int i = (int) ((first - start) / step); i <= (int) ((last - 1 - start) / step); i++) {
                    long pointFrom = Math.max(start + i * step, wideFrom);
                    long pointUntil = Math.min(start + (i + 1) * step, wideUntil);
                    pointData[i] = true;
                    pointUpper[i] += p.tree().total();
                    if (pointFrom <= p.fromSlot() && p.untilSlot() <= pointUntil) {
                        pointLower[i] += p.tree().total();
                    }
                }
            }
            long expectedSeries = series.stream().filter(s -> matches(s, q)).count();

            assertEquals(expectedSeries, result.stats().seriesMatched(), context + ": series matched");
            if (exact) {
                assertTreeEquals(lower, result.tree(), context);
            } else {
                inexact++;
                assertTreeBetween(lower, upper, result.tree(), context);
            }
            Timeline timeline = result.timeline();
            assertEquals(start, timeline.startEpochSeconds(), context + ": timeline start");
            assertEquals(step, timeline.stepSeconds(), context + ": timeline step");
            assertEquals(shape.size(), timeline.size(), context + ": timeline size");
            long timelineTotal = 0;
            for (int i = 0; i < timeline.size(); i++) {
                String point = context + ": timeline point " + i + " at " + (start + i * step);
                assertEquals(pointData[i], timeline.hasData(i), point + " has data");
                long value = timeline.value(i);
                assertTrue(pointLower[i] <= value && value <= pointUpper[i],
                        point + " = " + value + ", expected in [" + pointLower[i] + ", " + pointUpper[i] + "]");
                timelineTotal += timeline.hasData(i) ? value : 0;
            }
            assertEquals(result.tree().total(), timelineTotal, context + ": timeline total vs tree total");

            if (repeat) {
                // Aggregates built by the first read are kept: the same query builds nothing and
                // merges at most one stored tree per node of the cover and series.
                QueryResult again = storage.get(q.parse());
                assertTreeEquals(result.tree(), again.tree(), context + " (repeated)");
                assertEquals(result.timeline(), again.timeline(), context + " (repeated): timeline");
                assertEquals(0, again.stats().nodesBuilt(), context + " (repeated): nodes built");
                long cover = SegmentTree.cover(q.from(), q.until()).size();
                assertTrue(again.stats().treesMerged() <= cover * expectedSeries,
                        context + " (repeated): " + again.stats() + " for a cover of " + cover + " nodes");
            }
        }

        void labelQuery() throws IOException {
            Q q = randomQuery();
            String context = "op " + op + ": labels of " + q;
            Set<String> names = new TreeSet<>();
            Map<String, Set<String>> values = new TreeMap<>();
            for (Put p : puts) {
                if (matches(p.series(), q) && p.overlaps(q.wideFrom(), q.wideUntil())) {
                    names.addAll(p.series().labels().keySet());
                    p.series().labels().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
                }
            }
            Query query = q.parse();
            assertEquals(names, storage.labelNames(query), context);
            String label = MATCHER_LABELS[random.nextInt(MATCHER_LABELS.length)];
            assertEquals(values.getOrDefault(label, Set.of()), storage.labelValues(query, label), context + ", values of " + label);
        }

        /** The model of a selector: Prometheus semantics, a missing label taken as "". */
        static boolean matches(Series s, Q q) {
            if (!s.app().equals(q.app())) {
                return false;
            }
            for (String[] m : q.matchers()) {
                String v = s.labels().getOrDefault(m[0], "");
                boolean ok = switch (m[1]) {
                    case "=" -> v.equals(m[2]);
                    case "!=" -> !v.equals(m[2]);
                    case "=~" -> Pattern.matches(m[2], v);
                    default -> !Pattern.matches(m[2], v);
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    static long floor(long t) {
        return t - t % SLOT;
    }

    static long ceil(long t) {
        return floor(t + SLOT - 1);
    }
}
