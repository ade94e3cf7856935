package io.flamestore.internal.http;

import io.flamestore.Storage;
import io.flamestore.StorageOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The store of each tenant ({@code X-Scope-OrgID}): either one store for all, or one directory per
 * tenant, so that no query of one tenant can ever reach another's series.
 */
public abstract class TenantStores implements AutoCloseable {
    /** The tenant of requests without {@code X-Scope-OrgID}, as Grafana's servers call it. */
    static final String ANONYMOUS = "anonymous";
    /** Tenant ids become directory names: no separators, no dot-only names, bounded length. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");

    /** The tenant a request belongs to; 400 for an id that cannot be a directory name. */
    static String tenant(String header) {
        if (header == null || header.isEmpty()) {
            return ANONYMOUS;
        }
        if (!TENANT.matcher(header).matches()) {
            throw HttpError.badRequest("X-Scope-OrgID '" + header + "' must match " + TENANT.pattern());
        }
        return header;
    }

    abstract Storage storage(String tenant) throws IOException;

    @Override
    public abstract void close() throws IOException;

    /** Every tenant shares {@code storage}, which stays the caller's to close. */
    public static TenantStores single(Storage storage) {
        return new TenantStores() {
            @Override
            Storage storage(String tenant) {
                return storage;
            }

            @Override
            public void close() {
                // the caller's store
            }
        };
    }

    /** {@code root/<tenant>}, opened on first use and closed by {@link #close()}. */
    public static TenantStores perTenant(Path root, StorageOptions options) {
        Map<String, Storage> open = new ConcurrentHashMap<>();
        return new TenantStores() {
            @Override
            Storage storage(String tenant) throws IOException {
                try {
                    return open.computeIfAbsent(tenant, t -> {
                        try {
                            return Storage.open(root.resolve(t), options);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void close() throws IOException {
                List<IOException> failures = new ArrayList<>();
                for (Storage storage : open.values()) {
                    try {
                        storage.close();
                    } catch (IOException e) {
                        failures.add(e);
                    }
                }
                open.clear();
                if (!failures.isEmpty()) {
                    throw failures.get(0);
                }
            }
        };
    }
}
