package io.flamestore.internal.storage;

import io.flamestore.AppMetadata;
import io.flamestore.Aggregation;
import io.flamestore.CorruptDataException;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.ByteWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application metadata, persisted as a {@link RecordLog} ({@code apps.log}, magic {@code FSAP});
 * the last record for a name wins:
 * <pre>
 * payload := 0x01 name:utf8z units:utf8z aggregation:u8 sampleRate:varint spyName:utf8z
 *          | 0x02 name:utf8z                                   (the application was deleted)
 * utf8z   := utf8:byte* 0x00            aggregation: 0 = sum, 1 = average
 * </pre>
 */
final class MetadataLog implements AutoCloseable {
    static final String FILE = "apps.log";
    private static final int SET = 1;
    private static final int DELETE = 2;

    private final Path file;
    private final Map<String, AppMetadata> byName = new ConcurrentHashMap<>();
    private RecordLog log;

    private MetadataLog(Path file) {
        this.file = file;
    }

    static MetadataLog open(Path dir) throws IOException {
        MetadataLog metadata = new MetadataLog(dir.resolve(FILE));
        metadata.log = RecordLog.open(metadata.file, "FSAP", metadata::replay);
        return metadata;
    }

    /** The metadata of {@code appName}, or the defaults. */
    AppMetadata get(String appName) {
        return byName.getOrDefault(appName, AppMetadata.DEFAULT);
    }

    synchronized void set(String appName, AppMetadata metadata) throws IOException {
        if (metadata.equals(byName.get(appName))) {
            return;
        }
        ByteWriter out = new ByteWriter(64);
        out.writeByte(SET);
        text(out, appName);
        text(out, metadata.units());
        out.writeByte(metadata.aggregation().ordinal()).writeVarLong(metadata.sampleRate());
        text(out, metadata.spyName());
        log.append(out.toByteArray());
        byName.put(appName, metadata);
    }

    synchronized void delete(String appName) throws IOException {
        if (byName.remove(appName) != null) {
            ByteWriter out = new ByteWriter(32);
            out.writeByte(DELETE);
            text(out, appName);
            log.append(out.toByteArray());
        }
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
        String name = text(in, "application name");
        if (type == DELETE) {
            byName.remove(name);
            return;
        }
        if (type != SET) {
            throw new CorruptDataException(file.toString(), offset, "unknown metadata record type " + type);
        }
        String units = text(in, "units");
        int aggregation = in.readByte();
        if (aggregation >= Aggregation.values().length) {
            throw new CorruptDataException(file.toString(), offset, "unknown aggregation " + aggregation);
        }
        long sampleRate = in.readVarLong(Long.MAX_VALUE, "sample rate");
        String spy = text(in, "spy name");
        in.expectEnd("metadata record");
        try {
            byName.put(name, new AppMetadata(units, Aggregation.values()[aggregation], sampleRate, spy));
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(file.toString(), offset, "invalid metadata: " + e.getMessage());
        }
    }

    private static void text(ByteWriter out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(bytes, 0, bytes.length).writeByte(0);
    }

    private static String text(ByteReader in, String what) throws CorruptDataException {
        return new String(in.readUntilZero(what), StandardCharsets.UTF_8);
    }
}
