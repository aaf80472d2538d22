package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v1: queryId, collection, shard count n, then n (size, digest) pairs of longs. Format v2 is
 * v1 behind a version byte; v1, written without one, is read from state of that era ({@link
 * LegacyModelSnapshot}).
 */
@Internal
public final class StatsResultSerializer extends VersionedSerializer<StatsResult> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 2;
    public static final StatsResultSerializer INSTANCE = new StatsResultSerializer();

    @Override
    protected void write(StatsResult r, DataOutputView out) throws IOException {
        SerdeIo.writeString(r.queryId(), out);
        SerdeIo.writeString(r.collection(), out);
        out.writeInt(r.shardCount());
        for (int s = 0; s < r.shardCount(); s++) {
            out.writeLong(r.size(s));
            out.writeLong(r.digest(s));
        }
    }

    @Override
    protected StatsResult read(int version, DataInputView in) throws IOException {
        String queryId = SerdeIo.readNullableString(in);
        String collection = SerdeIo.readNullableString(in);
        int n = in.readInt();
        if (n < 1) {
            throw SerdeIo.corrupt("stats shard count", n);
        }
        long[] sizes = new long[n];
        long[] digests = new long[n];
        for (int s = 0; s < n; s++) {
            sizes[s] = in.readLong();
            digests[s] = in.readLong();
        }
        return new StatsResult(queryId, collection, sizes, digests);
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<StatsResult> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<StatsResult> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
