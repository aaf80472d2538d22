package org.vectorindex.operators.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The single answer to a one-shot k-NN query: {@code
 * {"type":"result","queryId","collection","hits":[{"id","score"}],"tookMs"}}. The arrays are not
 * copied and must not be modified.
 */
@TypeInfo(ModelTypeInfoFactories.QueryResultInfo.class)
@PublicEvolving
public final class QueryResult extends RankedResult implements ResultRecord {
    private final String collection;
    private final long tookMs;

    /**
     * @param hitIds ids best first
     * @param hitScores user-facing scores, parallel to {@code hitIds}
     * @param tookMs time from the query's arrival to its merged result
     */
    public QueryResult(
            String queryId, String collection, String[] hitIds, float[] hitScores, long tookMs) {
        super(queryId, "queryId", hitIds, hitScores);
        this.collection = Objects.requireNonNull(collection, "collection is missing");
        this.tookMs = tookMs;
    }

    public static QueryResult of(
            String queryId, String collection, List<SearchHit> hits, long tookMs) {
        return new QueryResult(queryId, collection, Hits.ids(hits), Hits.scores(hits), tookMs);
    }

    public String queryId() {
        return key();
    }

    public String collection() {
        return collection;
    }

    public long tookMs() {
        return tookMs;
    }

    @Override
    Object[] components() {
        return new Object[] {tookMs, key(), collection, hitIds(), hitScores()};
    }

    @Override
    public String toString() {
        return "QueryResult{" + key() + " on " + collection + " " + Arrays.toString(hitIds()) + "}";
    }
}
