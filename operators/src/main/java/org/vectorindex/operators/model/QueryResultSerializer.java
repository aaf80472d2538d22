package org.vectorindex.operators.model;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.state.serde.SerdeIo;

/** Format v1: queryId, collection, hit ids, hit scores, tookMs. */
public final class QueryResultSerializer extends ModelSerializer<QueryResult> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 1;
    public static final QueryResultSerializer INSTANCE = new QueryResultSerializer();

    public QueryResultSerializer() {
        this(CURRENT_VERSION);
    }

    private QueryResultSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    public int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected ModelSerializer<QueryResult> withReadVersion(int version) {
        return new QueryResultSerializer(version);
    }

    @Override
    protected void write(QueryResult r, DataOutputView out) throws IOException {
        SerdeIo.writeString(r.queryId(), out);
        SerdeIo.writeString(r.collection(), out);
        SerdeIo.writeStrings(r.hitIds(), out);
        SerdeIo.writeFloats(r.hitScores(), out);
        out.writeLong(r.tookMs());
    }

    @Override
    protected QueryResult read(DataInputView in, int version) throws IOException {
        String queryId = SerdeIo.readNullableString(in);
        String collection = SerdeIo.readNullableString(in);
        String[] ids = SerdeIo.readNullableStrings(in);
        float[] scores = SerdeIo.readFloats(in);
        long tookMs = in.readLong();
        return new QueryResult(queryId, collection, ids, scores, tookMs);
    }
}
