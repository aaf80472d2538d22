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
 * Versioned serializer of {@link PartialResult}. Format 2 appends the stats (a presence byte, then
 * size and digest) and adds kind {@link PartialResult.Kind#STATS}; format 1 records, which end
 * after the cause id, are still read. Format 3 writes strings without a length limit ({@link
 * StringFormat#STRING_VALUE}) where 1 and 2 used {@code writeUTF}. Format 4 appends the request's
 * source partition (int) and offset (long), read as -1 from earlier formats.
 */
@Internal
public final class PartialResultSerializer extends VersionedSerializer<PartialResult> {
    private static final long serialVersionUID = 1L;

    public static final PartialResultSerializer INSTANCE = new PartialResultSerializer();

    /** Format codes of the kinds, by position; never reordered. */
    private static final PartialResult.Kind[] KINDS = {
        PartialResult.Kind.ONE_SHOT,
        PartialResult.Kind.CONTINUOUS,
        PartialResult.Kind.CLOSED,
        PartialResult.Kind.STATS
    };

    /** Format codes of the causes, by position; never reordered (the merged results share them). */
    static final PartialResult.Cause[] CAUSES = {
        PartialResult.Cause.NONE,
        PartialResult.Cause.SUBSCRIBE,
        PartialResult.Cause.UPSERT,
        PartialResult.Cause.DELETE
    };

    @Override
    protected void write(PartialResult v, DataOutputView out) throws IOException {
        SerdeIo.writeEnum(v.kind(), KINDS, out);
        SerdeIo.writeString(v.requestId(), out);
        SerdeIo.writeString(v.collection(), out);
        out.writeInt(v.shard());
        out.writeInt(v.shardCount());
        out.writeInt(v.k());
        SerdeIo.writeStrings(v.ids(), out);
        SerdeIo.writeFloats(v.scores(), out);
        out.writeLong(v.ingestMillis());
        SerdeIo.writeEnum(v.cause(), CAUSES, out);
        SerdeIo.writeString(v.causeId(), out);
        ShardStats stats = v.stats();
        out.writeBoolean(stats != null);
        if (stats != null) {
            out.writeLong(stats.size());
            out.writeLong(stats.digest());
        }
        out.writeInt(v.sourcePartition());
        out.writeLong(v.sourceOffset());
    }

    @Override
    protected PartialResult read(int version, DataInputView in) throws IOException {
        PartialResult.Kind kind =
                SerdeIo.readEnum(in, KINDS, version >= 2 ? 4 : 3, "PartialResult kind", version);
        StringFormat strings = StringFormat.of(version, 3);
        String requestId = strings.read(in);
        String collection = strings.read(in);
        int shard = in.readInt();
        int shardCount = in.readInt();
        int k = in.readInt();
        String[] ids = SerdeIo.readStrings(in, strings);
        float[] scores = SerdeIo.readFloats(in);
        long ingestMillis = in.readLong();
        PartialResult.Cause cause = SerdeIo.readEnum(in, CAUSES, "PartialResult cause");
        String causeId = strings.readNullable(in);
        ShardStats stats =
                version >= 2 && in.readBoolean()
                        ? new ShardStats(in.readLong(), in.readLong())
                        : null;
        int partition = version >= 4 ? in.readInt() : -1;
        long offset = version >= 4 ? in.readLong() : -1L;
        return new PartialResult(
                kind,
                requestId,
                collection,
                shard,
                shardCount,
                k,
                ids,
                scores,
                ingestMillis,
                cause,
                causeId,
                stats,
                partition,
                offset);
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
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
                v.causeId(),
                v.stats(),
                v.sourcePartition(),
                v.sourceOffset());
    }

    @Override
    protected int currentVersion() {
        return 4;
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
