package io.flamestore.internal.storage;

import io.flamestore.CorruptDataException;
import io.flamestore.SymbolTrie;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.ByteWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A partition's frame names, persisted as a {@link RecordLog} ({@code symbols.log}, magic
 * {@code FSSY}) whose records each add the names with the next ids:
 * <pre>
 * payload := firstId:varint (utf8:byte+ 0x00)+
 * </pre>
 * Names are appended before any tree that uses them, so a stored tree never refers to an id the
 * log does not hold.
 */
final class SymbolLog implements AutoCloseable {
    static final String FILE = "symbols.log";

    private final RecordLog log;
    private final SymbolTrie symbols;
    private int persisted;

    private SymbolLog(RecordLog log, SymbolTrie symbols) {
        this.log = log;
        this.symbols = symbols;
        this.persisted = symbols.size();
    }

    static SymbolLog open(Path dir) throws IOException {
        SymbolTrie symbols = new SymbolTrie();
        Path file = dir.resolve(FILE);
        RecordLog log = RecordLog.open(file, "FSSY", (payload, offset) -> {
            ByteReader in = new ByteReader(payload, 0, payload.limit(), file.toString());
            int first = in.readVarInt(Integer.MAX_VALUE, "first symbol id");
            if (first != symbols.size()) {
                throw new CorruptDataException(file.toString(), offset, "symbol record starts at id " + first
                        + " but " + symbols.size() + " symbols precede it");
            }
            while (in.remaining() > 0) {
                String name = new String(in.readUntilZero("symbol name"), StandardCharsets.UTF_8);
                int expected = symbols.size();
                try {
                    if (symbols.intern(name) != expected) {
                        throw new CorruptDataException(file.toString(), offset, "symbol \"" + name + "\" repeated");
                    }
                } catch (IllegalArgumentException e) {
                    throw new CorruptDataException(file.toString(), offset, "invalid symbol: " + e.getMessage());
                }
            }
        });
        return new SymbolLog(log, symbols);
    }

    SymbolTrie symbols() {
        return symbols;
    }

    /** Appends the names interned since the last call; callers serialise writes to this partition. */
    void persistNew() throws IOException {
        int size = symbols.size();
        if (size == persisted) {
            return;
        }
        ByteWriter out = new ByteWriter(64);
        out.writeVarLong(persisted);
        for (int id = persisted; id < size; id++) {
            byte[] name = symbols.name(id).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(name, 0, name.length).writeByte(0);
        }
        log.append(out.toByteArray());
        persisted = size;
    }

    void sync() throws IOException {
        log.sync();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
