package io.flamestore.internal.http;

import io.flamestore.Aggregation;
import io.flamestore.AppMetadata;
import io.flamestore.FoldedParser;
import io.flamestore.Tree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text uploads into the series {@code name} over {@code [from, until)}: {@code folded} (collapsed
 * stacks, {@code a;b;c 42} per line) and {@code lines} (one sample per line, {@code a;b;c}). Their
 * metadata comes from the parameters {@code units}, {@code aggregationType}, {@code sampleRate} and
 * {@code spyName}.
 */
final class FoldedUpload {
    private FoldedUpload() {
    }

    static Upload parse(Upload.Source source, boolean lines) throws IOException {
        String part = source.payloadPart("profile");
        byte[] text = source.inflated(part);
        String what = Upload.Source.describe(part);
        Tree tree = lines ? lines(text, what)
                : FoldedParser.strict().source(what).parse(new ByteArrayInputStream(text)).tree();
        AppMetadata metadata = metadata(source.params());
        String key = source.key().toString();
        return storage -> storage.put(key, source.from(), source.until(), tree, metadata);
    }

    /** Pyroscope's {@code lines} format: every non-blank line is one sample of its stack. */
    private static Tree lines(byte[] text, String what) {
        Tree tree = new Tree();
        String[] all = new String(text, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < all.length; i++) {
            String stack = all[i].strip();
            if (!stack.isEmpty()) {
                try {
                    tree.insert(stack, 1);
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest(what + " line " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        return tree;
    }

    /** The metadata the parameters give, each missing one at its default. */
    static AppMetadata metadata(Params params) {
        String aggregation = params.get("aggregationType", "sum").toLowerCase(Locale.ROOT);
        if (!aggregation.equals("sum") && !aggregation.equals("average")) {
            throw HttpError.badRequest("aggregationType '" + aggregation + "' is neither sum nor average");
        }
        AppMetadata defaults = AppMetadata.DEFAULT;
        return new AppMetadata(params.get("units", defaults.units()),
                aggregation.equals("sum") ? Aggregation.SUM : Aggregation.AVERAGE,
                params.number("sampleRate", defaults.sampleRate(), 1, 1_000_000_000),
                params.get("spyName", defaults.spyName()));
    }
}
