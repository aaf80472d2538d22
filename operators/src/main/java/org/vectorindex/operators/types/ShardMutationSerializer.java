package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.StringFormat;

/**
 * Versioned serializer of {@link ShardMutation}. Format 2 writes strings without a length limit
 * ({@link StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read. Format 3 appends
 * the source partition (int) and offset (long), read as -1 from earlier formats.
 */
public final class ShardMutationSerializer extends VersionedSerializer<ShardMutation> {
    private static final long serialVersionUID = 1L;

    public static final ShardMutationSerializer INSTANCE = new ShardMutationSerializer();

    @Override
    protected void writeFields(ShardMutation v, DataOutputView out) throws IOException {
        SerdeIo.writeString(v.shardKey(), out);
        out.writeByte(v.op().ordinal());
        SerdeIo.writeString(v.id(), out);
        SerdeIo.writeFloats(v.vector(), out);
        SerdeIo.writeStringMap(v.attributes(), out);
        out.writeInt(v.sourcePartition());
        out.writeLong(v.sourceOffset());
    }

    @Override
    protected ShardMutation readFields(int version, DataInputView in) throws IOException {
        StringFormat strings = StringFormat.of(version, 2);
        String key = strings.read(in);
        int op = in.readUnsignedByte();
        if (op >= ShardMutation.Op.values().length) {
            throw new IOException("unknown ShardMutation op " + op);
        }
        String id = strings.read(in);
        float[] vector = SerdeIo.readFloats(in);
        var attributes = SerdeIo.readStringMap(in, strings);
        int partition = version >= 3 ? in.readInt() : -1;
        long offset = version >= 3 ? in.readLong() : -1L;
        return new ShardMutation(
                key, ShardMutation.Op.values()[op], id, vector, attributes, partition, offset);
    }

    @Override
    public ShardMutation copy(ShardMutation v) {
        return new ShardMutation(
                v.shardKey(),
                v.op(),
                v.id(),
                v.vector() == null ? null : v.vector().clone(),
                v.attributes(),
                v.sourcePartition(),
                v.sourceOffset());
    }

    @Override
    protected int formatVersion() {
        return 3;
    }

    @Override
    public TypeSerializerSnapshot<ShardMutation> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ShardMutation> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
