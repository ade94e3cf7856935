package io.flamestore;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random stacks and values for property tests. Frame names come from a small alphabet so that
 * prefixes and recursion collide often; they include spaces, a tab, non-ASCII and a supplementary
 * character, but never {@code ;}, NUL, line breaks or surrounding white space (which collapsed
 * stacks cannot carry). {@link Tree#OTHER} is left out: {@code truncate} folds dropped nodes into a
 * child of that name, so a real frame of that name would mix with them.
 */
final class Generators {
    static final List<String> FRAMES = List.of(
            "a", "b", "ab", "abc", "main", "run",
            "a b", "x y z", "tab\there",
            "ü", "日本", "日本語", "Ω", "😀 smile",
            "java/lang/Thread.run",
            "java/util/concurrent/FutureTask.run",
            "java/util/concurrent/ThreadPoolExecutor.runWorker",
            "[unknown]", "func(int, long)");

    /** Keeps totals of a few hundred samples, and of merges of a few such trees, within 64 bits. */
    static final long MAX_VALUE = Long.MAX_VALUE >> 12;

    /** One generated stack with its value. */
    record Sample(List<String> frames, long value) {
        String stack() {
            return String.join(";", frames);
        }
    }

    private Generators() {
    }

    /** A stack of depth 1-12; a fifth of the frames repeat one already on the stack (recursion). */
    static List<String> frames(SplittableRandom random) {
        int depth = 1 + random.nextInt(12);
        List<String> frames = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            if (i > 0 && random.nextInt(5) == 0) {
                frames.add(frames.get(random.nextInt(frames.size())));
            } else {
                frames.add(FRAMES.get(random.nextInt(FRAMES.size())));
            }
        }
        return frames;
    }

    /** Zero, small, medium or large. */
    static long value(SplittableRandom random) {
        int kind = random.nextInt(20);
        if (kind < 2) {
            return 0;
        } else if (kind < 11) {
            return 1 + random.nextInt(10);
        } else if (kind < 17) {
            return random.nextLong(11, 100_000);
        }
        return random.nextLong(1, MAX_VALUE);
    }

    /** Up to {@code maxCount} samples; some stacks are repeated so that values add up. */
    static List<Sample> samples(SplittableRandom random, int maxCount) {
        int count = random.nextInt(maxCount + 1);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<String> frames = i > 0 && random.nextInt(6) == 0
                    ? samples.get(random.nextInt(i)).frames()
                    : frames(random);
            samples.add(new Sample(frames, value(random)));
        }
        return samples;
    }

    /** A tree holding {@code samples}, inserted by a random mix of the two insert methods. */
    static Tree tree(List<Sample> samples, SplittableRandom random) {
        Tree tree = new Tree();
        for (Sample sample : samples) {
            if (random.nextBoolean()) {
                tree.insert(sample.stack(), sample.value());
            } else {
                tree.insert(sample.frames(), sample.value());
            }
        }
        return tree;
    }

    /** A tree holding {@code samples}, inserted as strings in order. */
    static Tree tree(List<Sample> samples) {
        Tree tree = new Tree();
        for (Sample sample : samples) {
            tree.insert(sample.stack(), sample.value());
        }
        return tree;
    }

    @SafeVarargs
    static List<Sample> concat(List<Sample>... parts) {
        List<Sample> all = new ArrayList<>();
        for (List<Sample> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
