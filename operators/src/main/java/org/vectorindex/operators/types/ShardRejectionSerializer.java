package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.StringFormat;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Versioned serializer of {@link ShardRejection}. Format 2 writes strings without a length limit
 * ({@link StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read. Format 3 appends
 * the source partition (int) and offset (long), read as -1 from earlier formats.
 */
@Internal
public final class ShardRejectionSerializer extends VersionedSerializer<ShardRejection> {
    private static final long serialVersionUID = 1L;

    public static final ShardRejectionSerializer INSTANCE = new ShardRejectionSerializer();

    @Override
    protected void write(ShardRejection v, DataOutputView out) throws IOException {
        SerdeIo.writeString(v.collection(), out);
        SerdeIo.writeString(v.what(), out);
        SerdeIo.writeString(v.id(), out);
        SerdeIo.writeString(v.reason(), out);
        out.writeInt(v.sourcePartition());
        out.writeLong(v.sourceOffset());
    }

    @Override
    protected ShardRejection read(int version, DataInputView in) throws IOException {
        StringFormat strings = StringFormat.of(version, 2);
        return new ShardRejection(
                strings.readNullable(in),
                strings.read(in),
                strings.readNullable(in),
                strings.read(in),
                version >= 3 ? in.readInt() : -1,
                version >= 3 ? in.readLong() : -1L);
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
    }

    @Override
    public ShardRejection copy(ShardRejection v) {
        return v;
    }

    @Override
    protected int currentVersion() {
        return 3;
    }

    @Override
    public TypeSerializerSnapshot<ShardRejection> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ShardRejection> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
