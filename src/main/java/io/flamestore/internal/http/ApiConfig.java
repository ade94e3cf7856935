package io.flamestore.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/** The settings of the HTTP API, checked once when it is built. */
public record ApiConfig(long maxBodyBytes, long maxInflatedBytes, int recentUploads, int maxConcurrentRequests,
        String expectedAuthorization, Clock clock) {

    /** Collects the settings behind {@code PyroscopeApi.Builder}, with the defaults documented there. */
    public static final class Builder {
        private long maxBodyBytes = 16L << 20;
        private long maxInflatedBytes = 256L << 20;
        private int recentUploads = 10_000;
        private int maxConcurrentRequests = 16;
        private String authorization;
        private Clock clock = Clock.systemUTC();

        public void maxBodyBytes(long bytes) {
            maxBodyBytes = positive("maxBodyBytes", bytes);
        }

        public void maxInflatedBytes(long bytes) {
            maxInflatedBytes = positive("maxInflatedBytes", bytes);
        }

        public void recentUploads(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("recentUploads must be >= 0, got " + count);
            }
            recentUploads = count;
        }

        public void maxConcurrentRequests(int count) {
            maxConcurrentRequests = (int) positive("maxConcurrentRequests", count);
        }

        public void bearerToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the bearer token must not be blank");
            }
            authorization = "Bearer " + token;
        }

        public void basicAuth(String user, String password) {
            if (user == null || user.isEmpty() || user.indexOf(':') >= 0 || password == null) {
                throw new IllegalArgumentException("basic auth needs a user without ':' and a password");
            }
            authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        public void clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public ApiConfig build() {
            return new ApiConfig(maxBodyBytes, maxInflatedBytes, recentUploads, maxConcurrentRequests, authorization, clock);
        }

        private static long positive(String what, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, got " + value);
            }
            return value;
        }
    }

    /** The current Unix second. */
    public long now() {
        return clock.millis() / 1000;
    }
}
