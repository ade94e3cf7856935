package io.flamestore;

import io.flamestore.SegmentTree.Share;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deterministic write load of {@link CrashRecoveryTest}: put number {@code seq} is a pure
 * function of {@code seq}, so the test can rebuild exactly what the killed writer
 * ({@link CrashWriter}) stored from the sequence numbers it acknowledged.
 *
 * <p>Time advances {@link #STEP} seconds per put, so the load crosses into a new partition (10^5 s)
 * every 667 puts. Most puts land in the current slot; some span several slots (and so are split);
 * some go to an old slot, possibly in an older partition, making the stored aggregates above it
 * stale; after some puts the writer queries, which rebuilds stale aggregates and stores them.
 */
final class CrashWorkload {
    /** A multiple of 10^5, so that partitions start at T0. */
    static final long T0 = 1_700_000_000L;
    static final long STEP = 150;
    static final List<String> SERIES = List.of(
            "crash.cpu{host=h0,region=eu}",
            "crash.cpu{host=h1,region=eu}",
            "crash.cpu{host=h2,region=us}",
            "crash.cpu{host=h3,region=us}",
            "crash.cpu{host=h4,region=ap,zone=ap-1a}",
            "crash.alloc{host=h0,region=eu}",
            "crash.alloc{host=h5,region=us}");
    static final List<String> APPS = List.of("crash.cpu", "crash.alloc");

    /** One put of the load. */
    record Put(long seq, String series, long start, long end, Tree tree, boolean queryAfter) {
        /** The selector that matches exactly this put's series. */
        String selector() {
            return selectorOf(series);
        }
    }

    private CrashWorkload() {
    }

    static Put put(long seq) {
        long h = mix(seq);
        String series = SERIES.get((int) Long.remainderUnsigned(h, SERIES.size()));
        long now = T0 + seq * STEP;
        long start;
        long end;
        int kind = (int) Long.remainderUnsigned(h >>> 8, 20);
        long h2 = mix(h);
        if (kind < 11) { // the current slot
            start = now + Long.remainderUnsigned(h2, 5);
            end = start + 5;
        } else if (kind < 15) { // several slots: split in proportion
            start = now + Long.remainderUnsigned(h2, 10);
            end = start + 10 + Long.remainderUnsigned(h2 >>> 16, 35);
        } else if (kind < 18) { // an old slot: aggregates above it go stale
            long back = Long.remainderUnsigned(h2, seq * STEP + 1);
            start = (now - back) / 10 * 10;
            end = start + 10;
        } else { // an old multi-slot profile
            long back = Long.remainderUnsigned(h2, seq * STEP + 1);
            start = now - back;
            end = start + 20 + Long.remainderUnsigned(h2 >>> 16, 20);
        }
        boolean queryAfter = Long.remainderUnsigned(h >>> 20, 9) == 0;
        return new Put(seq, series, start, end, tree(seq, mix(h2)), queryAfter);
    }

    /** A deterministic tree of 1 to 8 stacks; the pool of frame names grows with {@code seq}. */
    static Tree tree(long seq, long h) {
        Tree tree = new Tree();
        int stacks = 1 + (int) Long.remainderUnsigned(h, 8);
        long names = 30 + seq / 4;
        for (int s = 0; s < stacks; s++) {
            h = mix(h + s);
            int depth = 1 + (int) Long.remainderUnsigned(h, 7);
            StringBuilder stack = new StringBuilder("main");
            long f = h;
            for (int d = 0; d < depth; d++) {
                f = mix(f + d);
                long name = Long.remainderUnsigned(f, Math.min(names, 10 + d * 40L));
                stack.append(";io.example.pkg").append(name % 7).append(".Service").append(name).append(".call").append(d);
            }
            tree.insert(stack.toString(), 1 + Long.remainderUnsigned(f >>> 7, 1000));
        }
        return tree;
    }

    static String selectorOf(String series) {
        String name = series.substring(0, series.indexOf('{'));
        String host = series.replaceAll(".*host=([^,}]*).*", "$1");
        return name + "{host=\"" + host + "\"}";
    }

    static String appOf(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * What the store must hold: per series, per slot start, the parts of the puts added so far,
     * split between slots exactly as {@link Storage#put} splits them.
     */
    static final class Model {
        final Map<String, TreeMap<Long, Tree>> slots = new HashMap<>();

        void add(Put put) {
            add(put, Integer.MAX_VALUE);
        }

        /** Adds the parts of {@code put} for its first {@code slotCount} slots only. */
        void add(Put put, int slotCount) {
            int added = 0;
            for (Map.Entry<Long, Tree> part : parts(put).entrySet()) {
                if (added++ == slotCount) {
                    break;
                }
                slots.computeIfAbsent(put.series(), k -> new TreeMap<>())
                        .computeIfAbsent(part.getKey(), k -> new Tree()).merge(part.getValue());
            }
        }

        /** An independent copy of this model with the first {@code slotCount} slots of {@code put} added. */
        Model copyWith(Put put, int slotCount) {
            Model copy = new Model();
            slots.forEach((series, bySlot) -> {
                TreeMap<Long, Tree> mine = new TreeMap<>();
                bySlot.forEach((slot, tree) -> mine.put(slot, tree.copy()));
                copy.slots.put(series, mine);
            });
            copy.add(put, slotCount);
            return copy;
        }

        /** The parts of one put per slot start, in time order. */
        static TreeMap<Long, Tree> parts(Put put) {
            List<Share> shares = SegmentTree.overlaps(put.start(), put.end());
            long[] weights = shares.stream().mapToLong(Share::seconds).toArray();
            Tree[] parts = shares.size() == 1 ? new Tree[] {put.tree()} : TreeSplitter.split(put.tree(), weights);
            TreeMap<Long, Tree> bySlot = new TreeMap<>();
            for (int i = 0; i < parts.length; i++) {
                bySlot.put(shares.get(i).slot().startEpochSeconds(), parts[i]);
            }
            return bySlot;
        }

        /** The merge of a series' slots starting in {@code [from, until)} (both slot-aligned). */
        Tree tree(String series, long from, long until) {
            Tree sum = new Tree();
            slots.getOrDefault(series, new TreeMap<>()).subMap(from, until).values().forEach(sum::merge);
            return sum;
        }

        /** Start of the first and end of the last slot with data, over every series. */
        long[] span() {
            long from = Long.MAX_VALUE;
            long until = Long.MIN_VALUE;
            for (TreeMap<Long, Tree> bySlot : slots.values()) {
                if (!bySlot.isEmpty()) {
                    from = Math.min(from, bySlot.firstKey());
                    until = Math.max(until, bySlot.lastKey() + SegmentTree.SLOT_SECONDS);
                }
            }
            return from > until ? new long[] {T0, T0} : new long[] {from, until};
        }

        List<String> seriesWithData() {
            return new ArrayList<>(slots.keySet());
        }
    }
}
