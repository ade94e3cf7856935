package io.flamestore.internal.http;

import io.flamestore.AppKey;
import io.flamestore.Storage;
import java.io.IOException;
import java.util.Map;

/**
 * One upload, parsed whole and checked, ready to store: parsing happens before anything is stored,
 * so a malformed upload stores nothing.
 */
interface Upload {
    void storeInto(Storage storage) throws IOException;

    /**
     * What an upload says about itself: the series key from {@code name}, the profiled range in Unix
     * seconds, the parameters, and the payloads by multipart part name (a raw body is part {@code ""}).
     */
    record Source(AppKey key, long from, long until, Params params, Map<String, byte[]> parts, long maxInflatedBytes) {
        /** A part's bytes, gunzipped if they are gzip; null if the part is missing. */
        byte[] inflated(String part) throws IOException {
            byte[] bytes = parts.get(part);
            return bytes == null ? null : Bodies.inflateIfGzip(bytes, maxInflatedBytes, describe(part));
        }

        /** The payload: part {@code part} of a multipart body, or else the raw body; 400 if neither is there. */
        String payloadPart(String part) {
            if (parts.containsKey(part)) {
                return part;
            }
            if (parts.containsKey("")) {
                return "";
            }
            throw HttpError.badRequest("multipart body has no part '" + part + "' (parts: " + parts.keySet() + ")");
        }

        static String describe(String part) {
            return part.isEmpty() ? "request body" : "part '" + part + "'";
        }
    }
}
