package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned serializer of {@link ShardQuery}; format 2 adds kind {@link ShardQuery.Kind#STATS}
 * (ordinal 3) to format 1, whose records it still reads.
 */
public final class ShardQuerySerializer extends VersionedSerializer<ShardQuery> {
    private static final long serialVersionUID = 1L;

    public static final ShardQuerySerializer INSTANCE = new ShardQuerySerializer();

    @Override
    protected void writeFields(ShardQuery v, DataOutputView out) throws IOException {
        out.writeByte(v.kind().ordinal());
        out.writeUTF(v.requestId());
        SerdeIo.writeNullableString(v.collection(), out);
        out.writeInt(v.shard());
        out.writeInt(v.shardCount());
        SerdeIo.writeNullableString(v.shardKey(), out);
        SerdeIo.writeFloats(v.vector(), out);
        out.writeInt(v.k());
        out.writeInt(v.ef());
        SerdeIo.writeStringMap(v.filter(), out);
        out.writeLong(v.ingestMillis());
    }

    @Override
    protected ShardQuery readFields(int version, DataInputView in) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind >= (version >= 2 ? 4 : 3)) {
            throw new IOException("unknown ShardQuery kind " + kind + " in format " + version);
        }
        return new ShardQuery(
                ShardQuery.Kind.values()[kind],
                in.readUTF(),
                SerdeIo.readNullableString(in),
                in.readInt(),
                in.readInt(),
                SerdeIo.readNullableString(in),
                SerdeIo.readFloats(in),
                in.readInt(),
                in.readInt(),
                SerdeIo.readStringMap(in),
                in.readLong());
    }

    @Override
    public ShardQuery copy(ShardQuery v) {
        return new ShardQuery(
                v.kind(),
                v.requestId(),
                v.collection(),
                v.shard(),
                v.shardCount(),
                v.shardKey(),
                v.vector() == null ? null : v.vector().clone(),
                v.k(),
                v.ef(),
                v.filter(),
                v.ingestMillis());
    }

    @Override
    protected int formatVersion() {
        return 2;
    }

    @Override
    public TypeSerializerSnapshot<ShardQuery> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ShardQuery> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
