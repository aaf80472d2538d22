package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;

/** Format v1: queryId, collection, shard count n, then n (size, digest) pairs of longs. */
public final class StatsResultSerializer extends ModelSerializer<StatsResult> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 1;
    public static final StatsResultSerializer INSTANCE = new StatsResultSerializer();

    public StatsResultSerializer() {
        this(CURRENT_VERSION);
    }

    private StatsResultSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    public int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected ModelSerializer<StatsResult> withReadVersion(int version) {
        return new StatsResultSerializer(version);
    }

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
    protected StatsResult read(DataInputView in, int version) throws IOException {
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
}
