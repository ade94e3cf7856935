package io.flamestore.internal.http;

import io.flamestore.PyroscopeApi.Response;
import io.flamestore.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 digests of the last {@code capacity} accepted uploads, to store a resent upload once.
 * Agents resend the identical profile after a 429, a 5xx or a timeout, seconds later; remembering the
 * last 10,000 uploads covers minutes even for hundreds of agents, in about 1.5 MB. A digest covers
 * what the upload means, not its bytes on the wire: the Java agent draws a new multipart boundary for
 * every attempt. Kept in memory only: a resend across a restart is stored again.
 */
final class RecentUploads {
    /** What {@link #claim} found. */
    private enum Claim { NEW, DONE, IN_FLIGHT }

    private final int capacity;
    /** Digest (hex) to whether its store completed; insertion order is age. */
    private final LinkedHashMap<String, Boolean> digests;

    RecentUploads(int capacity) {
        this.capacity = capacity;
        this.digests = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RecentUploads.this.capacity;
            }
        };
    }

    /** The digest of an upload's tenant, key, range, format and parts (in the given order). */
    static String digest(String tenant, String key, long from, long until, String format, Map<String, byte[]> parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String field : new String[] {tenant, key, Long.toString(from), Long.toString(until), format}) {
            lengthPrefixed(sha, field.getBytes(StandardCharsets.UTF_8));
        }
        parts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(part -> {
            lengthPrefixed(sha, part.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(sha, part.getValue());
        });
        StringBuilder hex = new StringBuilder(64);
        for (byte b : sha.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    /** Lengths first, so that no two different field lists hash the same bytes. */
    private static void lengthPrefixed(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
        sha.update(bytes);
    }

    /**
     * Stores {@code upload} unless it is a resend: answers {@code stored}, {@code duplicate} for a copy
     * of a stored upload, or 429 while an identical one is being stored (the first copy may yet fail;
     * a retry after it finishes gets the right answer).
     */
    Response storeOnce(String digest, Upload upload, Storage storage, Response stored, Response duplicate)
            throws IOException {
        switch (claim(digest)) {
            case DONE -> {
                return duplicate;
            }
            case IN_FLIGHT -> {
                return new Response(429, Map.of("Retry-After", "1", "Content-Type", "text/plain; charset=utf-8"),
                        "an identical upload is being stored; retry".getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                // stored below
            }
        }
        try {
            upload.storeInto(storage);
        } catch (IOException | RuntimeException e) {
            failed(digest);
            throw e;
        }
        stored(digest);
        return stored;
    }

    /** Claims {@code digest} for storing unless it is stored already or being stored right now. */
    private synchronized Claim claim(String digest) {
        if (capacity == 0) {
            return Claim.NEW;
        }
        Boolean done = digests.get(digest);
        if (done == null) {
            digests.put(digest, Boolean.FALSE);
            return Claim.NEW;
        }
        return done ? Claim.DONE : Claim.IN_FLIGHT;
    }

    /** The claimed upload is stored: later copies are acknowledged without storing. */
    private synchronized void stored(String digest) {
        digests.replace(digest, Boolean.TRUE);
    }

    /** The claimed upload failed: a resend must be stored. */
    private synchronized void failed(String digest) {
        digests.remove(digest);
    }
}
