package org.vectorindex.operators.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.StringFormat;

/**
 * Versioned serializer of {@link ShardQuery}; format 2 adds kind {@link ShardQuery.Kind#STATS}
 * (ordinal 3) to format 1; format 3 writes strings without a length limit ({@link
 * StringFormat#STRING_VALUE}); format 4 appends the source partition (int) and offset (long).
 * Format 4 also adds kind {@link ShardQuery.Kind#GET} (ordinal 4), whose target id follows the
 * coordinates. Formats 1 and 2 ({@code writeUTF}) and 3 are still read, with the coordinates -1.
 */
public final class ShardQuerySerializer extends VersionedSerializer<ShardQuery> {
    private static final long serialVersionUID = 1L;

    public static final ShardQuerySerializer INSTANCE = new ShardQuerySerializer();

    @Override
    protected void writeFields(ShardQuery v, DataOutputView out) throws IOException {
        out.writeByte(v.kind().ordinal());
        SerdeIo.writeString(v.requestId(), out);
        SerdeIo.writeNullableString(v.collection(), out);
        out.writeInt(v.shard());
        out.writeInt(v.shardCount());
        SerdeIo.writeNullableString(v.shardKey(), out);
        SerdeIo.writeFloats(v.vector(), out);
        out.writeInt(v.k());
        out.writeInt(v.ef());
        SerdeIo.writeStringMap(v.filter(), out);
        out.writeLong(v.ingestMillis());
        out.writeInt(v.sourcePartition());
        out.writeLong(v.sourceOffset());
        if (v.kind() == ShardQuery.Kind.GET) {
            SerdeIo.writeString(v.targetId(), out);
        }
    }

    @Override
    protected ShardQuery readFields(int version, DataInputView in) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind >= (version >= 4 ? 5 : version >= 2 ? 4 : 3)) {
            throw new IOException("unknown ShardQuery kind " + kind + " in format " + version);
        }
        StringFormat strings = StringFormat.of(version, 3);
        ShardQuery.Kind k = ShardQuery.Kind.values()[kind];
        return new ShardQuery(
                k,
                strings.read(in),
                strings.readNullable(in),
                in.readInt(),
                in.readInt(),
                strings.readNullable(in),
                SerdeIo.readFloats(in),
                in.readInt(),
                in.readInt(),
                SerdeIo.readStringMap(in, strings),
                in.readLong(),
                version >= 4 ? in.readInt() : -1,
                version >= 4 ? in.readLong() : -1L,
                k == ShardQuery.Kind.GET ? strings.read(in) : null);
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
                v.ingestMillis(),
                v.sourcePartition(),
                v.sourceOffset(),
                v.targetId());
    }

    @Override
    protected int formatVersion() {
        return 4;
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
