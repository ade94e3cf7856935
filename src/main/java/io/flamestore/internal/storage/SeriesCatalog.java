package io.flamestore.internal.storage;

import io.flamestore.AppKey;
import io.flamestore.CorruptDataException;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.ByteWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Every series the store knows: its id, its key, and a label index (label name → value → series
 * ids) per application name. Persisted as a {@link RecordLog} ({@code series.log}, magic
 * {@code FSSE}) of additions and deletions, replayed into memory on open:
 * <pre>
 * payload := 0x01 seriesId:varint key:utf8     (a series is added; key in canonical form)
 *          | 0x02 seriesId:varint              (a series is deleted; its id is never reused)
 * </pre>
 * Memory grows with the number of series and label values, never with samples or time.
 */
final class SeriesCatalog implements AutoCloseable {
    static final String FILE = "series.log";
    private static final int ADD = 1;
    private static final int DELETE = 2;

    /** The series of one application name and their label postings. */
    private static final class App {
        final BitSet series = new BitSet();
        final Map<String, Map<String, BitSet>> postings = new TreeMap<>();
    }

    private final Path file;
    private RecordLog log;
    private final Map<String, Integer> idByKey = new HashMap<>();
    private final List<AppKey> keyById = new ArrayList<>();
    private final Map<String, App> apps = new TreeMap<>();

    private SeriesCatalog(Path file) {
        this.file = file;
    }

    static SeriesCatalog open(Path dir) throws IOException {
        SeriesCatalog catalog = new SeriesCatalog(dir.resolve(FILE));
        catalog.log = RecordLog.open(catalog.file, "FSSE", catalog::replay);
        return catalog;
    }

    /** The id of the series with this key, adding it (durably) if new. */
    synchronized int idOf(AppKey key) throws IOException {
        String canonical = key.toString();
        Integer id = idByKey.get(canonical);
        if (id != null) {
            return id;
        }
        int next = keyById.size();
        if (next >= NodeIndex.MAX_SERIES) {
            throw new IllegalStateException("store holds the maximum of " + NodeIndex.MAX_SERIES + " series");
        }
        byte[] text = canonical.getBytes(StandardCharsets.UTF_8);
        ByteWriter out = new ByteWriter(text.length + 8);
        out.writeByte(ADD).writeVarLong(next).writeBytes(text, 0, text.length);
        log.append(out.toByteArray());
        // Forced at once: a record lost to power loss would hand its id, and its data, to the next series.
        log.sync();
        index(next, key);
        return next;
    }

    /** The id of the live series with this key, or -1. */
    synchronized int find(AppKey key) {
        Integer id = idByKey.get(key.toString());
        return id == null ? -1 : id;
    }

    synchronized AppKey key(int id) {
        return keyById.get(id);
    }

    synchronized void delete(int id) throws IOException {
        AppKey key = keyById.get(id);
        if (key == null) {
            return;
        }
        ByteWriter out = new ByteWriter(8);
        out.writeByte(DELETE).writeVarLong(id);
        log.append(out.toByteArray());
        unindex(id, key);
    }

    /** Live series of {@code appName} whose key passes {@code filter}. */
    synchronized int[] matching(String appName, Predicate<AppKey> filter) {
        App app = apps.get(appName);
        if (app == null) {
            return new int[0];
        }
        return app.series.stream().filter(id -> filter.test(keyById.get(id))).toArray();
    }

    synchronized List<String> appNames() {
        return new ArrayList<>(apps.keySet());
    }

    /** Label names used by any of {@code series}, sorted. */
    synchronized TreeSet<String> labelNames(String appName, BitSet series) {
        TreeSet<String> names = new TreeSet<>();
        App app = apps.get(appName);
        if (app != null) {
            app.postings.forEach((name, values) -> {
                if (values.values().stream().anyMatch(ids -> ids.intersects(series))) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    /** Values of label {@code name} among {@code series}, sorted. */
    synchronized TreeSet<String> labelValues(String appName, String name, BitSet series) {
        TreeSet<String> values = new TreeSet<>();
        App app = apps.get(appName);
        if (app != null) {
            app.postings.getOrDefault(name, Map.of()).forEach((value, ids) -> {
                if (ids.intersects(series)) {
                    values.add(value);
                }
            });
        }
        return values;
    }

    void sync() throws IOException {
        log.sync();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    private void replay(ByteBuffer payload, long offset) throws CorruptDataException {
        ByteReader in = new ByteReader(payload, 0, payload.limit(), file.toString());
        int type = in.readByte();
        int id = in.readVarInt(NodeIndex.MAX_SERIES - 1, "series id");
        if (type == DELETE) {
            if (id >= keyById.size() || keyById.get(id) == null) {
                throw new CorruptDataException(file.toString(), offset, "deletion of unknown series " + id);
            }
            unindex(id, keyById.get(id));
            return;
        }
        if (type != ADD) {
            throw new CorruptDataException(file.toString(), offset, "unknown series record type " + type);
        }
        if (id != keyById.size()) {
            throw new CorruptDataException(file.toString(), offset, "series id " + id + " out of sequence (expected " + keyById.size() + ")");
        }
        byte[] key = new byte[in.remaining()];
        in.readBytes(key, 0, key.length);
        try {
            index(id, AppKey.parse(new String(key, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(file.toString(), offset, "unreadable series key: " + e.getMessage());
        }
    }

    private void index(int id, AppKey key) {
        while (keyById.size() <= id) {
            keyById.add(null);
        }
        keyById.set(id, key);
        idByKey.put(key.toString(), id);
        App app = apps.computeIfAbsent(key.name(), n -> new App());
        app.series.set(id);
        key.labels().forEach((name, value) ->
                app.postings.computeIfAbsent(name, n -> new TreeMap<>()).computeIfAbsent(value, v -> new BitSet()).set(id));
    }

    private void unindex(int id, AppKey key) {
        keyById.set(id, null);
        idByKey.remove(key.toString());
        App app = apps.get(key.name());
        app.series.clear(id);
        key.labels().forEach((name, value) -> {
            Map<String, BitSet> values = app.postings.get(name);
            BitSet ids = values.get(value);
            ids.clear(id);
            if (ids.isEmpty()) {
                values.remove(value);
            }
            if (values.isEmpty()) {
                app.postings.remove(name);
            }
        });
        if (app.series.isEmpty()) {
            apps.remove(key.name());
        }
    }
}
