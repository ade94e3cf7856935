package io.flamestore.internal.encoding;

import io.flamestore.CorruptDataException;
import io.flamestore.internal.tree.Apportion;
import io.flamestore.internal.tree.NodeTable;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.zip.Deflater;

/**
 * A stored call tree as the self values of its paths: pairs (path id, self) by ascending path id,
 * where a path id names a call stack in a partition's path table and only stacks with a positive
 * self appear. Totals follow from the table's parent links. Version 2 (docs/storage-format.md,
 * "Path counts"):
 * <pre>
 * counts := header("FSPC", 2) body crc32c:u32le          body: raw or deflated, see CompressedBody
 * body   := entryCount:varint unit:varint (pathDelta:varint self/unit:varint)*
 * </pre>
 * A path's delta is its id minus the previous entry's (the first entry's previous is 0), so it is
 * positive. The unit divides every self: CPU profiles count nanoseconds in steps of the sampling
 * period (10 ms is 10^7 ns, four bytes as a varint, one byte once divided), so this halves a slot.
 * Version 1 had no unit (every self in units of 1) and is still read. Summing trees is merging
 * sorted runs, with no tree in sight: an aggregate of ten slots costs about as much as reading their
 * entries.
 */
public final class PathCounts {
    public static final String MAGIC = "FSPC";
    public static final int VERSION = 2;
    private static final int VERSION_WITHOUT_UNIT = 1;
    private static final int MIN_ENTRY_BYTES = 2;
    /**
     * Where each thread writes an encoding before copying it out at its exact size: every put and
     * every aggregate encodes counts, and a writer sized by guess would grow or need a sizing pass.
     */
    private static final ThreadLocal<ByteWriter> BODY = ThreadLocal.withInitial(() -> new ByteWriter(1 << 12));
    private static final int KEPT_BODY = 1 << 20;
    /** Per thread, all zero between sums: {@link #sum} adds up counts here, over at most this many path ids. */
    private static final ThreadLocal<long[]> DENSE = ThreadLocal.withInitial(() -> new long[1 << 12]);
    private static final int DENSE_SPAN = 1 << 18;

    private final int[] paths;
    /** Each entry's self divided by {@link #unit}. */
    private final long[] scaled;
    private final long unit;
    private final int count;
    private final long total;

    private PathCounts(int[] paths, long[] scaled, long unit, int count, long total) {
        this.paths = paths;
        this.scaled = scaled;
        this.unit = unit;
        this.count = count;
        this.total = total;
    }

    /** Counts of these selfs, which {@code scaleToUnit} divides by their greatest common divisor. */
    private static PathCounts scaledToUnit(int[] paths, long[] selfs, int count, long total) {
        return new PathCounts(paths, selfs, Units.scaleToUnit(selfs, count), count, total);
    }

    /**
     * The counts of a tree's nodes, where {@code pathOfNode[n]} is node {@code n}'s path, distinct
     * for distinct nodes. Nodes whose self is zero are left out. {@code keyed} and {@code spare}
     * are work space, each at least as long as the node table.
     */
    public static PathCounts of(int[] pathOfNode, NodeTable nodes, long[] keyed, long[] spare) {
        int count = 0;
        long total = 0;
        int maxPath = 0;
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.self(n) > 0) {
                keyed[count++] = (long) pathOfNode[n] << 32 | n;
                maxPath = Math.max(maxPath, pathOfNode[n]);
                total += nodes.self(n); // a tree's total fits 64 bits, so the sum of its selfs does
            }
        }
        sortByPath(keyed, spare, count, maxPath);
        int[] paths = new int[count];
        long[] selfs = new long[count];
        for (int i = 0; i < count; i++) {
            paths[i] = (int) (keyed[i] >>> 32);
            selfs[i] = nodes.self((int) keyed[i]);
        }
        return scaledToUnit(paths, selfs, count, total);
    }

    /**
     * Sorts {@code keyed[0, count)}, path ids in the high halves, by path: two byte-wise counting
     * passes (through {@code spare}) when the ids fit 16 bits, as in most partitions; a general sort
     * otherwise. A put sorts its few hundred stacks this way in about a third of the time.
     */
    private static void sortByPath(long[] keyed, long[] spare, int count, int maxPath) {
        if (maxPath >= 1 << 16 || count < 64) {
            Arrays.sort(keyed, 0, count);
            return;
        }
        countingPass(keyed, spare, count, 32);
        countingPass(spare, keyed, count, 40);
    }

    /** Moves {@code from[0, count)} to {@code to}, stably ordered by the byte at bit {@code shift}. */
    private static void countingPass(long[] from, long[] to, int count, int shift) {
        int[] start = new int[257];
        for (int i = 0; i < count; i++) {
            start[(int) (from[i] >>> shift & 0xFF) + 1]++;
        }
        for (int b = 1; b < start.length; b++) {
            start[b] += start[b - 1];
        }
        for (int i = 0; i < count; i++) {
            to[start[(int) (from[i] >>> shift & 0xFF)]++] = from[i];
        }
    }

    public int size() {
        return count;
    }

    public int path(int i) {
        return paths[i];
    }

    public long self(int i) {
        return scaled[i] * unit;
    }

    /** The sum of every self value: the tree's total. */
    public long total() {
        return total;
    }

    /** Deflated fast when {@code compress} and that is smaller, else raw. */
    public byte[] encode(boolean compress) {
        ByteWriter body = BODY.get().reset();
        if (!compress) { // the body goes straight after the header
            FormatHeader.write(body, MAGIC, VERSION);
            body.writeByte(CompressedBody.RAW);
        }
        body.writeVarLong(count).writeVarLong(unit);
        int previous = 0;
        for (int i = 0; i < count; i++) {
            body.writeVarLong(paths[i] - previous).writeVarLong(scaled[i]);
            previous = paths[i];
        }
        if (body.length() > KEPT_BODY) {
            BODY.remove(); // one huge aggregate does not pin its buffer in the thread
        }
        if (!compress) {
            return body.writeChecksum().toByteArray();
        }
        ByteWriter out = new ByteWriter(body.length() / 2 + 32);
        FormatHeader.write(out, MAGIC, VERSION);
        CompressedBody.write(out, body.toByteArray(), Deflater.BEST_SPEED, null);
        return out.writeChecksum().toByteArray();
    }

    /** Reads and checks counts whose path ids are below {@code pathCount}. */
    public static PathCounts parse(ByteReader whole, int pathCount) throws CorruptDataException {
        ByteReader stored = whole.verifyChecksumTrailer(FormatHeader.LENGTH + 2 + 4);
        int version = FormatHeader.read(stored, MAGIC, VERSION_WITHOUT_UNIT, VERSION);
        ByteReader in = CompressedBody.read(stored, "path counts", null);
        int count = in.readVarInt(in.remaining() / MIN_ENTRY_BYTES, "entry count");
        int unitAt = in.position();
        long unit = version == VERSION_WITHOUT_UNIT ? 1 : in.readVarLong(Long.MAX_VALUE, "unit");
        if (unit == 0) {
            throw in.corruptAt(unitAt, "unit of 0");
        }
        int[] paths = new int[count];
        long[] scaled = new long[count];
        int path = 0;
        long total = 0;
        for (int i = 0; i < count; i++) {
            int at = in.position();
            int delta = in.readVarInt(pathCount - 1 - path, "path id delta");
            if (delta == 0) {
                throw in.corruptAt(at, "path id delta of 0 after path " + path + ": ids must ascend from 1");
            }
            path += delta;
            paths[i] = path;
            scaled[i] = in.readVarLong(Long.MAX_VALUE, "self");
            if (scaled[i] == 0) {
                throw in.corruptAt(at, "path " + path + " has a self of 0");
            }
            if (scaled[i] > (Long.MAX_VALUE - total) / unit) {
                throw in.corruptAt(at, "values overflow a 64-bit total");
            }
            total += scaled[i] * unit;
        }
        in.expectEnd("path counts");
        return new PathCounts(paths, scaled, unit, count, total);
    }

    /**
     * The sum of several counts of one path table. The ten children of an aggregate share most of
     * their stacks, whose ids lie close together: then they are added up in an array indexed by path
     * id and collected in one pass over it, at about half the cost of merging them pairwise as
     * sorted runs, which is what sparser or fewer counts get.
     *
     * @throws IllegalArgumentException if the total would overflow 64 bits
     */
    public static PathCounts sum(List<PathCounts> parts) {
        int entries = 0;
        int lowest = Integer.MAX_VALUE;
        int highest = 0;
        long total = 0;
        long unit = 0;
        for (PathCounts part : parts) {
            if (total > Long.MAX_VALUE - part.total) {
                throw new IllegalArgumentException("adding counts of total " + part.total + " to " + total
                        + " would overflow a 64-bit total");
            }
            total += part.total;
            if (part.count > 0) {
                entries += part.count;
                lowest = Math.min(lowest, part.paths[0]);
                highest = Math.max(highest, part.paths[part.count - 1]);
                unit = Units.gcd(unit, part.unit);
            }
        }
        if (entries == 0) {
            return new PathCounts(new int[0], new long[0], 1, 0, 0);
        }
        long span = (long) highest - lowest + 1;
        if (parts.size() < 3 || span > DENSE_SPAN || span > 4L * entries) {
            return sumPairwise(parts);
        }
        long[] dense = DENSE.get();
        if (dense.length < span) {
            dense = new long[(int) Math.max(span, Math.min(DENSE_SPAN, 2L * dense.length))];
            DENSE.set(dense);
        }
        int distinct = 0;
        for (PathCounts part : parts) {
            long factor = part.unit / unit; // no product overflows: each is at most the total
            for (int i = 0; i < part.count; i++) {
                int at = part.paths[i] - lowest;
                distinct += dense[at] == 0 ? 1 : 0;
                dense[at] += part.scaled[i] * factor;
            }
        }
        int[] paths = new int[distinct];
        long[] scaled = new long[distinct];
        for (int at = 0, k = 0; k < distinct; at++) {
            if (dense[at] != 0) {
                paths[k] = lowest + at;
                scaled[k++] = dense[at];
                dense[at] = 0; // left all zero for the next sum
            }
        }
        return new PathCounts(paths, scaled, unit, distinct, total);
    }

    private static PathCounts sumPairwise(List<PathCounts> parts) {
        PathCounts[] round = parts.toArray(PathCounts[]::new);
        for (int n = round.length; n > 1; n = (n + 1) / 2) {
            for (int i = 0; i < n / 2; i++) {
                round[i] = round[2 * i].plus(round[2 * i + 1]);
            }
            if (n % 2 == 1) {
                round[n / 2] = round[n - 1];
            }
        }
        return round[0];
    }

    /** These counts plus {@code other}'s, whose sum {@link #sum} has checked to fit. */
    private PathCounts plus(PathCounts other) {
        // Both in units of the units' common divisor; no product overflows, as it is at most a total.
        long sumUnit = Units.gcd(unit, other.unit);
        long mine = unit / sumUnit;
        long theirs = other.unit / sumUnit;
        int[] p = new int[count + other.count];
        long[] s = new long[p.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < count && j < other.count) {
            int a = paths[i];
            int b = other.paths[j];
            if (a <= b) {
                p[k] = a;
                s[k] = scaled[i++] * mine + (a == b ? other.scaled[j++] * theirs : 0);
            } else {
                p[k] = b;
                s[k] = other.scaled[j++] * theirs;
            }
            k++;
        }
        for (; i < count; i++, k++) {
            p[k] = paths[i];
            s[k] = scaled[i] * mine;
        }
        for (; j < other.count; j++, k++) {
            p[k] = other.paths[j];
            s[k] = other.scaled[j] * theirs;
        }
        return new PathCounts(p, s, sumUnit, k, total + other.total);
    }

    /**
     * One part per weight, each path's self apportioned by {@link Apportion} (so the parts add up to
     * these counts exactly); null for a part that gets nothing.
     */
    public PathCounts[] split(long[] weights) {
        long sum = Apportion.checkWeights(weights);
        int parts = weights.length;
        if (unit % sum == 0) {
            return splitExactly(weights, sum);
        }
        int[][] p = new int[parts][count];
        long[][] s = new long[parts][count];
        int[] size = new int[parts];
        long[] totals = new long[parts];
        long[] quotient = new long[parts];
        long[] remainder = new long[parts];
        long[] scratch = new long[parts];
        for (int e = 0; e < count; e++) {
            Apportion.apportion(self(e), weights, sum, quotient, remainder, scratch);
            for (int i = 0; i < parts; i++) {
                if (quotient[i] > 0) {
                    p[i][size[i]] = paths[e];
                    s[i][size[i]++] = quotient[i];
                    totals[i] += quotient[i];
                }
            }
        }
        PathCounts[] result = new PathCounts[parts];
        for (int i = 0; i < parts; i++) {
            result[i] = size[i] == 0 ? null : scaledToUnit(p[i], s[i], size[i], totals[i]);
        }
        return result;
    }

    /**
     * The split when the weights' sum divides the unit, as 10 s in seconds divides a 10 ms sample in
     * nanoseconds: every self then splits in proportion with nothing left over, so each part is
     * these very pairs in a unit scaled by its weight.
     */
    private PathCounts[] splitExactly(long[] weights, long sum) {
        PathCounts[] result = new PathCounts[weights.length];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0 && count > 0) { // unit / sum * weight <= unit: no overflow, and so for the total
                result[i] = new PathCounts(paths, scaled, unit / sum * weights[i], count, total / sum * weights[i]);
            }
        }
        return result;
    }

    /**
     * These counts with every path id {@code p} replaced by {@code pathMap.applyAsInt(p)}, for
     * counts carried into another path table; the map must be one-to-one on the ids present.
     */
    public PathCounts mapPaths(IntUnaryOperator pathMap) {
        long[] keyed = new long[count];
        for (int i = 0; i < count; i++) {
            keyed[i] = (long) pathMap.applyAsInt(paths[i]) << 32 | i;
        }
        Arrays.sort(keyed);
        int[] p = new int[count];
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            p[i] = (int) (keyed[i] >>> 32);
            s[i] = scaled[(int) keyed[i]];
        }
        return new PathCounts(p, s, unit, count, total);
    }
}
