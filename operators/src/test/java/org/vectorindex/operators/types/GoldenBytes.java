package org.vectorindex.operators.types;

import java.io.IOException;
import java.util.HexFormat;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serialized bytes as hex, for fixtures of earlier formats that the current readers must read. */
public final class GoldenBytes {
    private GoldenBytes() {}

    public static <T> String hex(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return HexFormat.of().formatHex(out.getCopyOfBuffer());
    }

    /** Reads a fixture; fails unless every byte was consumed. */
    public static <T> T read(TypeSerializer<T> serializer, String hex) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(HexFormat.of().parseHex(hex));
        T value = serializer.deserialize(in);
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes left unread");
        }
        return value;
    }
}
