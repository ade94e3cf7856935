package io.flamestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parser streams input of any size through a Reader that hands it text in odd-sized pieces. */
class StreamingParseTest {

    /**
     * Generates {@code lines} folded lines on the fly (never holding the text) and returns them in
     * random pieces of 1 to 5000 characters, so lines, CRLF pairs and multi-char frames straddle reads.
     */
    private static final class GeneratingReader extends Reader {
        private final SplittableRandom random;
        private final Map<String, Long> model;
        private final long lines;
        private long produced;
        private String pending = "";
        private int pendingAt;

        GeneratingReader(long seed, long lines, Map<String, Long> model) {
            this.random = new SplittableRandom(seed);
            this.lines = lines;
            this.model = model;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pendingAt == pending.length()) {
                if (produced == lines) {
                    return -1;
                }
                pending = nextLine();
                pendingAt = 0;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(5000)), pending.length() - pendingAt);
            pending.getChars(pendingAt, pendingAt + n, buf, off);
            pendingAt += n;
            return n;
        }

        private String nextLine() {
            produced++;
            if (random.nextInt(50) == 0) {
                return random.nextBoolean() ? "\n" : "  \r\n";
            }
            List<String> frames = Generators.frames(random);
            long value = random.nextInt(1000);
            String stack = String.join(";", frames);
            model.merge(stack, value, Long::sum);
            String end = random.nextInt(4) == 0 ? "\r\n" : "\n";
            return stack + " " + value + (produced == lines && random.nextBoolean() ? "" : end);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void largeGeneratedInputStreamsThroughAReader() throws IOException {
        long seed = PropertyRunner.seed("streaming parse");
        Map<String, Long> model = new HashMap<>();
        long lines = 300_000;
        FoldedParser.Result result = FoldedParser.strict().parse(new GeneratingReader(seed, lines, model));
        assertEquals(lines, result.lines(), "seed=" + seed);
        Map<String, Long> positive = new HashMap<>();
        model.forEach((stack, value) -> {
            if (value > 0) {
                positive.put(stack, value);
            }
        });
        assertEquals(positive, StackModel.parseLines(result.tree().toFolded()), "seed=" + seed);
        assertEquals(model.values().stream().mapToLong(Long::longValue).sum(), result.tree().total(), "seed=" + seed);
    }
}
