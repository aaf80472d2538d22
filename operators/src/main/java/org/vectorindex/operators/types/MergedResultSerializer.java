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
 * Versioned serializer of {@link MergedResult}. Format 2 appends the per-shard stats (a count, -1
 * for none, then size and digest per shard) and adds kind {@link MergedResult.Kind#STATS}; format 1
 * records, which end after the cause id, are still read. Format 3 writes strings without a length
 * limit ({@link StringFormat#STRING_VALUE}) where 1 and 2 used {@code writeUTF}. Format 4 adds kind
 * {@link MergedResult.Kind#VECTOR}.
 */
@Internal
public final class MergedResultSerializer extends VersionedSerializer<MergedResult> {
    private static final long serialVersionUID = 1L;

    public static final MergedResultSerializer INSTANCE = new MergedResultSerializer();

    /** Format codes of the kinds, by position; never reordered. */
    private static final MergedResult.Kind[] KINDS = {
        MergedResult.Kind.RESULT,
        MergedResult.Kind.UPDATE,
        MergedResult.Kind.STATS,
        MergedResult.Kind.VECTOR
    };

    @Override
    protected void write(MergedResult v, DataOutputView out) throws IOException {
        SerdeIo.writeEnum(v.kind(), KINDS, out);
        SerdeIo.writeString(v.requestId(), out);
        SerdeIo.writeString(v.collection(), out);
        SerdeIo.writeStrings(v.ids(), out);
        SerdeIo.writeFloats(v.scores(), out);
        out.writeLong(v.tookMs());
        out.writeLong(v.version());
        SerdeIo.writeStrings(v.entered(), out);
        SerdeIo.writeStrings(v.left(), out);
        SerdeIo.writeEnum(v.cause(), PartialResultSerializer.CAUSES, out);
        SerdeIo.writeString(v.causeId(), out);
        ShardStats[] shards = v.shards();
        out.writeInt(shards == null ? -1 : shards.length);
        if (shards != null) {
            for (ShardStats s : shards) {
                out.writeLong(s.size());
                out.writeLong(s.digest());
            }
        }
    }

    @Override
    protected MergedResult read(int version, DataInputView in) throws IOException {
        int known = version >= 4 ? 4 : version >= 2 ? 3 : 2;
        MergedResult.Kind kind = SerdeIo.readEnum(in, KINDS, known, "MergedResult kind", version);
        StringFormat strings = StringFormat.of(version, 3);
        String requestId = strings.read(in);
        String collection = strings.read(in);
        String[] ids = SerdeIo.readStrings(in, strings);
        float[] scores = SerdeIo.readFloats(in);
        long tookMs = in.readLong();
        long resultVersion = in.readLong();
        String[] entered = SerdeIo.readStrings(in, strings);
        String[] left = SerdeIo.readStrings(in, strings);
        PartialResult.Cause cause =
                SerdeIo.readEnum(in, PartialResultSerializer.CAUSES, "MergedResult cause");
        String causeId = strings.readNullable(in);
        ShardStats[] shards = null;
        int n = version >= 2 ? in.readInt() : -1;
        if (n >= 0) {
            shards = new ShardStats[n];
            for (int s = 0; s < n; s++) {
                shards[s] = new ShardStats(in.readLong(), in.readLong());
            }
        }
        return new MergedResult(
                kind,
                requestId,
                collection,
                ids,
                scores,
                tookMs,
                resultVersion,
                entered,
                left,
                cause,
                causeId,
                shards);
    }

    @Override
    public boolean isImmutableType() {
        return false; // copy() makes defensive copies of the arrays
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
                v.causeId(),
                v.shards() == null ? null : v.shards().clone());
    }

    @Override
    protected int currentVersion() {
        return 4;
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
