package io.flamestore.internal.symbols;

import io.flamestore.CorruptDataException;
import io.flamestore.internal.encoding.ByteReader;
import io.flamestore.internal.encoding.ByteWriter;
import io.flamestore.internal.encoding.CompressedBody;
import io.flamestore.internal.encoding.FormatHeader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Symbol-table encoding, version 1 (docs/storage-format.md, "Symbol table"):
 * <pre>
 * symbols := header("FSYM", 1) body crc32c:u32le        body: raw or deflated, see CompressedBody
 * body    := nameCount:varint name*                    deflated with the preset SymbolDictionary.V1
 * name    := utf8:byte+ 0x00                           in id order: the i-th name has id i
 * </pre>
 * The names are written whole, in id order, and the trie is rebuilt by interning them again, so ids
 * need no bytes of their own. A terminator rather than a length prefix lets deflate match the end of
 * one name together with the start of the next; names never hold NUL ({@code SymbolTrie} refuses it). Measured on the real profiles, deflate over whole names in first-use
 * order beats a serialized trie (whose per-node lengths, ids and child counts deflate poorly) for
 * every profile up to a few thousand names, which is what one stored time slot holds.
 */
public final class RadixTrieCodec {
    public static final String MAGIC = "FSYM";
    public static final int VERSION = 1;

    private RadixTrieCodec() {
    }

    public static byte[] encode(RadixTrie trie) {
        ByteWriter body = new ByteWriter(trie.labelBytes() * 2 + 16);
        body.writeVarLong(trie.nameCount());
        for (int id = 0; id < trie.nameCount(); id++) {
            byte[] name = trie.nameBytes(id);
            body.writeBytes(name, 0, name.length).writeByte(0);
        }
        ByteWriter out = new ByteWriter(body.length() / 2 + 16);
        FormatHeader.write(out, MAGIC, VERSION);
        CompressedBody.write(out, body.toByteArray(), Deflater.BEST_COMPRESSION, SymbolDictionary.V1);
        return out.writeChecksum().toByteArray();
    }

    public static RadixTrie decode(ByteReader whole) throws CorruptDataException {
        ByteReader stored = whole.verifyChecksumTrailer(FormatHeader.LENGTH + 2 + 4);
        FormatHeader.read(stored, MAGIC, VERSION, VERSION);
        ByteReader in = CompressedBody.read(stored, "symbol table", SymbolDictionary.V1);
        int nameCount = in.readVarInt(in.remaining() / 2, "name count");
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        RadixTrie trie = new RadixTrie();
        for (int id = 0; id < nameCount; id++) {
            int at = in.position();
            byte[] name = in.readUntilZero("name for id " + id);
            if (name.length == 0) {
                throw in.corruptAt(at, "empty name for id " + id);
            }
            try {
                utf8.decode(ByteBuffer.wrap(name));
            } catch (CharacterCodingException e) {
                throw in.corruptAt(at, "name for id " + id + " is not valid UTF-8");
            }
            int assigned = trie.intern(name);
            if (assigned != id) {
                throw in.corruptAt(at, "name for id " + id + " repeats the name of id " + assigned);
            }
        }
        in.expectEnd("symbol table");
        return trie;
    }
}
