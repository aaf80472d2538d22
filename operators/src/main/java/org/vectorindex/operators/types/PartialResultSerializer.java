package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Versioned serializer of {@link PartialResult}; format 1. */
public final class PartialResultSerializer extends VersionedSerializer<PartialResult> {
    private static final long serialVersionUID = 1L;

    public static final PartialResultSerializer INSTANCE = new PartialResultSerializer();

    @Override
    protected void writeFields(PartialResult v, DataOutputView out) throws IOException {
        out.writeByte(v.kind().ordinal());
        out.writeUTF(v.requestId());
        out.writeUTF(v.collection());
        out.writeInt(v.shard());
        out.writeInt(v.shardCount());
        out.writeInt(v.k());
        SerdeIo.writeStrings(v.ids(), out);
        SerdeIo.writeFloats(v.scores(), out);
        out.writeLong(v.ingestMillis());
        out.writeByte(v.cause().ordinal());
        SerdeIo.writeNullableString(v.causeId(), out);
    }

    @Override
    protected PartialResult readFields(int version, DataInputView in) throws IOException {
        return new PartialResult(
                PartialResult.Kind.values()[in.readUnsignedByte()],
                in.readUTF(),
                in.readUTF(),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                SerdeIo.readStrings(in),
                SerdeIo.readFloats(in),
                in.readLong(),
                PartialResult.Cause.values()[in.readUnsignedByte()],
                SerdeIo.readNullableString(in));
    }

    @Override
    public PartialResult copy(PartialResult v) {
        return new PartialResult(
                v.kind(),
                v.requestId(),
                v.collection(),
                v.shard(),
                v.shardCount(),
                v.k(),
                v.ids().clone(),
                v.scores().clone(),
                v.ingestMillis(),
                v.cause(),
                v.causeId());
    }

    @Override
    protected int formatVersion() {
        return 1;
    }

    @Override
    public TypeSerializerSnapshot<PartialResult> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PartialResult> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
