package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;
import org.vectorindex.state.serde.VersionedSerializer;

/**
 * Format v1: queryId, collection, hit ids, hit scores, tookMs. Format v2 is v1 behind a version
 * byte; v1, written without one, is read from state of that era ({@link LegacyModelSnapshot}).
 */
@Internal
public final class QueryResultSerializer extends VersionedSerializer<QueryResult> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 2;
    public static final QueryResultSerializer INSTANCE = new QueryResultSerializer();

    @Override
    protected void write(QueryResult r, DataOutputView out) throws IOException {
        SerdeIo.writeString(r.queryId(), out);
        SerdeIo.writeString(r.collection(), out);
        SerdeIo.writeStrings(r.hitIds(), out);
        SerdeIo.writeFloats(r.hitScores(), out);
        out.writeLong(r.tookMs());
    }

    @Override
    protected QueryResult read(int version, DataInputView in) throws IOException {
        String queryId = SerdeIo.readNullableString(in);
        String collection = SerdeIo.readNullableString(in);
        String[] ids = SerdeIo.readNullableStrings(in);
        float[] scores = SerdeIo.readFloats(in);
        long tookMs = in.readLong();
        return new QueryResult(queryId, collection, ids, scores, tookMs);
    }

    @Override
    protected int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public TypeSerializerSnapshot<QueryResult> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer; the format version travels in every value. */
    public static final class Snapshot extends ModelSnapshot<QueryResult> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
