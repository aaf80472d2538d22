package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Versioned serializer of {@link MergedResult}; format 1. */
public final class MergedResultSerializer extends VersionedSerializer<MergedResult> {
    private static final long serialVersionUID = 1L;

    public static final MergedResultSerializer INSTANCE = new MergedResultSerializer();

    @Override
    protected void writeFields(MergedResult v, DataOutputView out) throws IOException {
        out.writeByte(v.kind().ordinal());
        out.writeUTF(v.requestId());
        out.writeUTF(v.collection());
        SerdeIo.writeStrings(v.ids(), out);
        SerdeIo.writeFloats(v.scores(), out);
        out.writeLong(v.tookMs());
        out.writeLong(v.version());
        SerdeIo.writeStrings(v.entered(), out);
        SerdeIo.writeStrings(v.left(), out);
        out.writeByte(v.cause().ordinal());
        SerdeIo.writeNullableString(v.causeId(), out);
    }

    @Override
    protected MergedResult readFields(int version, DataInputView in) throws IOException {
        return new MergedResult(
                MergedResult.Kind.values()[in.readUnsignedByte()],
                in.readUTF(),
                in.readUTF(),
                SerdeIo.readStrings(in),
                SerdeIo.readFloats(in),
                in.readLong(),
                in.readLong(),
                SerdeIo.readStrings(in),
                SerdeIo.readStrings(in),
                PartialResult.Cause.values()[in.readUnsignedByte()],
                SerdeIo.readNullableString(in));
    }

    @Override
    public MergedResult copy(MergedResult v) {
        return new MergedResult(
                v.kind(),
                v.requestId(),
                v.collection(),
                v.ids().clone(),
                v.scores().clone(),
                v.tookMs(),
                v.version(),
                v.entered().clone(),
                v.left().clone(),
                v.cause(),
                v.causeId());
    }

    @Override
    protected int formatVersion() {
        return 1;
    }

    @Override
    public TypeSerializerSnapshot<MergedResult> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MergedResult> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
