package io.flamestore;

/**
 * Where the frames of one {@code ;}-separated stack end, found in one pass over its characters that
 * also checks them (no empty frame, no NUL). Reused line after line by the parser.
 */
final class FrameSplit {
    static final int OK = 0;
    static final int EMPTY_FRAME = 1;
    static final int NUL = 2;

    private int[] ends = new int[64];
    private int count;
    private int problemAt;

    /** Splits {@code chars[from, to)}; returns {@link #OK} or the problem, found at {@link #problemAt()}. */
    int split(char[] chars, int from, int to) {
        count = 0;
        int frameStart = from;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c == ';') {
                if (i == frameStart) {
                    return fail(EMPTY_FRAME, i);
                }
                add(i);
                frameStart = i + 1;
            } else if (c == 0) {
                return fail(NUL, i);
            }
        }
        if (frameStart == to) {
            return fail(EMPTY_FRAME, to);
        }
        add(to);
        return OK;
    }

    int count() {
        return count;
    }

    /** End (exclusive) of frame {@code i}; frame {@code i + 1} starts one character later. */
    int end(int i) {
        return ends[i];
    }

    int problemAt() {
        return problemAt;
    }

    private int fail(int problem, int at) {
        problemAt = at;
        return problem;
    }

    private void add(int end) {
        if (count == ends.length) {
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        ends[count++] = end;
    }
}
