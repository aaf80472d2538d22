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
 * Versioned serializer of {@link ShardQuery}; format 2 adds kind {@link ShardQuery.Kind#STATS}
 * (code 3) to format 1; format 3 writes strings without a length limit ({@link
 * StringFormat#STRING_VALUE}); format 4 appends the source partition (int) and offset (long).
 * Format 4 also adds kind {@link ShardQuery.Kind#GET} (code 4), whose target id follows the
 * coordinates. Formats 1 and 2 ({@code writeUTF}) and 3 are still read, with the coordinates -1.
 */
@Internal
public final class ShardQuerySerializer extends VersionedSerializer<ShardQuery> {
    private static final long serialVersionUID = 1L;

    public static final ShardQuerySerializer INSTANCE = new ShardQuerySerializer();

    /** Format codes of the kinds, by position; never reordered. */
    private static final ShardQuery.Kind[] KINDS = {
        ShardQuery.Kind.KNN,
        ShardQuery.Kind.SUBSCRIBE,
        ShardQuery.Kind.UNSUBSCRIBE,
        ShardQuery.Kind.STATS,
        ShardQuery.Kind.GET
    };

    @Override
    protected void write(ShardQuery v, DataOutputView out) throws IOException {
        SerdeIo.writeEnum(v.kind(), KINDS, out);
        SerdeIo.writeString(v.requestId(), out);
        SerdeIo.writeString(v.collection(), out);
        out.writeInt(v.shard());
        out.writeInt(v.shardCount());
        SerdeIo.writeString(v.shardKey(), out);
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
    protected ShardQuery read(int version, DataInputView in) throws IOException {
        int known = version >= 4 ? 5 : version >= 2 ? 4 : 3;
        ShardQuery.Kind k = SerdeIo.readEnum(in, KINDS, known, "ShardQuery kind", version);
        StringFormat strings = StringFormat.of(version, 3);
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
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
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
    protected int currentVersion() {
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
