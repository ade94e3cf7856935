package io.flamestore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Storage} is opened. Build with {@link #builder()}; every setting has a default that
 * suits a single service's profiles on one machine.
 */
public final class StorageOptions {
    /** When written data is forced to the device. */
    public enum SyncPolicy {
        /**
         * Leave it to the operating system: data survives the process being killed as soon as
         * {@code put} returns, and survives power loss after {@link Storage#sync()} or close.
         */
        ON_SYNC,
        /** Force after every put: each put survives power loss once it returns. Much slower. */
        EVERY_PUT
    }

    private final Duration retention;
    private final long maxDiskBytes;
    private final long minFreeDiskBytes;
    private final Clock clock;
    private final long indexEntriesPerPartition;
    private final int maxOpenPartitions;
    private final SyncPolicy syncPolicy;

    private StorageOptions(Builder b) {
        this.retention = b.retention;
        this.maxDiskBytes = b.maxDiskBytes;
        this.minFreeDiskBytes = b.minFreeDiskBytes;
        this.clock = b.clock;
        this.indexEntriesPerPartition = b.indexEntriesPerPartition;
        this.maxOpenPartitions = b.maxOpenPartitions;
        this.syncPolicy = b.syncPolicy;
    }

    public static StorageOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Data older than this is dropped, a whole partition (~28 h) at a time; zero keeps everything. */
    public Duration retention() {
        return retention;
    }

    /**
     * Past this many bytes on disk, the oldest time partitions are dropped until the store fits
     * (never the newest); zero means no limit. Index files count at their full mapped size.
     */
    public long maxDiskBytes() {
        return maxDiskBytes;
    }

    /**
     * Puts are refused (with an {@code IOException}, storing nothing) while the file system has less
     * free space than this. Memory-mapped files must never meet a full disk: a write to a page the
     * file system cannot back kills the JVM instead of raising an exception.
     */
    public long minFreeDiskBytes() {
        return minFreeDiskBytes;
    }

    /** The clock that retention measures age against. */
    public Clock clock() {
        return clock;
    }

    /** Expected index entries per ~28 h partition (about 11,000 per series writing every 10 s). */
    public long indexEntriesPerPartition() {
        return indexEntriesPerPartition;
    }

    /** How many partitions stay open (mapped, symbols in memory) at once. */
    public int maxOpenPartitions() {
        return maxOpenPartitions;
    }

    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    /** Builder of {@link StorageOptions}. */
    public static final class Builder {
        private Duration retention = Duration.ZERO;
        private long maxDiskBytes;
        private long minFreeDiskBytes = 64L << 20;
        private Clock clock = Clock.systemUTC();
        private long indexEntriesPerPartition = 1 << 20;
        private int maxOpenPartitions = 8;
        private SyncPolicy syncPolicy = SyncPolicy.ON_SYNC;

        private Builder() {
        }

        public Builder retention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (retention.isNegative()) {
                throw new IllegalArgumentException("retention must not be negative, got " + retention);
            }
            this.retention = retention;
            return this;
        }

        public Builder maxDiskBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxDiskBytes must not be negative, got " + bytes);
            }
            this.maxDiskBytes = bytes;
            return this;
        }

        public Builder minFreeDiskBytes(long bytes) {
            if (bytes < (1 << 20)) {
                throw new IllegalArgumentException("minFreeDiskBytes must be at least 1 MiB, got " + bytes);
            }
            this.minFreeDiskBytes = bytes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder indexEntriesPerPartition(long entries) {
            if (entries < 1024 || entries > (1L << 31)) {
                throw new IllegalArgumentException("index entries per partition must be 1024 to 2^31, got " + entries);
            }
            this.indexEntriesPerPartition = entries;
            return this;
        }

        public Builder maxOpenPartitions(int count) {
            if (count < 2) {
                throw new IllegalArgumentException("at least 2 open partitions are needed, got " + count);
            }
            this.maxOpenPartitions = count;
            return this;
        }

        public Builder syncPolicy(SyncPolicy policy) {
            this.syncPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public StorageOptions build() {
            return new StorageOptions(this);
        }
    }
}
