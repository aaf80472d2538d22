package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Versioned serializer of {@link ShardMutation}; format 1. */
public final class ShardMutationSerializer extends VersionedSerializer<ShardMutation> {
    private static final long serialVersionUID = 1L;

    public static final ShardMutationSerializer INSTANCE = new ShardMutationSerializer();

    @Override
    protected void writeFields(ShardMutation v, DataOutputView out) throws IOException {
        out.writeUTF(v.shardKey());
        out.writeByte(v.op().ordinal());
        out.writeUTF(v.id());
        SerdeIo.writeFloats(v.vector(), out);
        SerdeIo.writeStringMap(v.attributes(), out);
    }

    @Override
    protected ShardMutation readFields(int version, DataInputView in) throws IOException {
        String key = in.readUTF();
        ShardMutation.Op op = ShardMutation.Op.values()[in.readUnsignedByte()];
        String id = in.readUTF();
        float[] vector = SerdeIo.readFloats(in);
        return new ShardMutation(key, op, id, vector, SerdeIo.readStringMap(in));
    }

    @Override
    public ShardMutation copy(ShardMutation v) {
        return new ShardMutation(
                v.shardKey(),
                v.op(),
                v.id(),
                v.vector() == null ? null : v.vector().clone(),
                v.attributes());
    }

    @Override
    protected int formatVersion() {
        return 1;
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
