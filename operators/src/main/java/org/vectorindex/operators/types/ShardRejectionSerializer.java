package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Versioned serializer of {@link ShardRejection}; format 1. */
public final class ShardRejectionSerializer extends VersionedSerializer<ShardRejection> {
    private static final long serialVersionUID = 1L;

    public static final ShardRejectionSerializer INSTANCE = new ShardRejectionSerializer();

    @Override
    protected void writeFields(ShardRejection v, DataOutputView out) throws IOException {
        SerdeIo.writeNullableString(v.collection(), out);
        out.writeUTF(v.what());
        SerdeIo.writeNullableString(v.id(), out);
        out.writeUTF(v.reason());
    }

    @Override
    protected ShardRejection readFields(int version, DataInputView in) throws IOException {
        return new ShardRejection(
                SerdeIo.readNullableString(in),
                in.readUTF(),
                SerdeIo.readNullableString(in),
                in.readUTF());
    }

    @Override
    public ShardRejection copy(ShardRejection v) {
        return v;
    }

    @Override
    protected int formatVersion() {
        return 1;
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
