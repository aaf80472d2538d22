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
 * Versioned serializer of {@link ShardMutation}. Format 2 writes strings without a length limit
 * ({@link StringFormat#STRING_VALUE}); format 1 ({@code writeUTF}) is still read. Format 3 appends
 * the source partition (int) and offset (long), read as -1 from earlier formats.
 */
@Internal
public final class ShardMutationSerializer extends VersionedSerializer<ShardMutation> {
    private static final long serialVersionUID = 1L;

    public static final ShardMutationSerializer INSTANCE = new ShardMutationSerializer();

    /** Format codes of the ops, by position; never reordered. */
    private static final ShardMutation.Op[] OPS = {
        ShardMutation.Op.UPSERT, ShardMutation.Op.DELETE
    };

    @Override
    protected void write(ShardMutation v, DataOutputView out) throws IOException {
        SerdeIo.writeString(v.shardKey(), out);
        SerdeIo.writeEnum(v.op(), OPS, out);
        SerdeIo.writeString(v.id(), out);
        SerdeIo.writeFloats(v.vector(), out);
        SerdeIo.writeStringMap(v.attributes(), out);
        out.writeInt(v.sourcePartition());
        out.writeLong(v.sourceOffset());
    }

    @Override
    protected ShardMutation read(int version, DataInputView in) throws IOException {
        StringFormat strings = StringFormat.of(version, 2);
        String key = strings.read(in);
        ShardMutation.Op op = SerdeIo.readEnum(in, OPS, "ShardMutation op");
        String id = strings.read(in);
        float[] vector = SerdeIo.readFloats(in);
        var attributes = SerdeIo.readStringMap(in, strings);
        int partition = version >= 3 ? in.readInt() : -1;
        long offset = version >= 3 ? in.readLong() : -1L;
        return new ShardMutation(key, op, id, vector, attributes, partition, offset);
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
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
    protected int currentVersion() {
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
