package org.vectorindex.operators.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The single answer to a one-shot k-NN query: {@code
 * {"type":"result","queryId","collection","hits":[{"id","score"}],"tookMs"}}. The arrays are not
 * copied and must not be modified.
 */
@TypeInfo(ModelTypeInfoFactories.QueryResultInfo.class)
public final class QueryResult implements ResultRecord {
    private final String queryId;
    private final String collection;
    private final String[] hitIds;
    private final float[] hitScores;
    private final long tookMs;

    /**
     * @param hitIds ids best first
     * @param hitScores user-facing scores, parallel to {@code hitIds}
     * @param tookMs time from the query's arrival to its merged result
     */
    public QueryResult(
            String queryId, String collection, String[] hitIds, float[] hitScores, long tookMs) {
        this.queryId = Objects.requireNonNull(queryId, "queryId is missing");
        this.collection = Objects.requireNonNull(collection, "collection is missing");
        Hits.check(hitIds, hitScores);
        this.hitIds = hitIds;
        this.hitScores = hitScores;
        this.tookMs = tookMs;
    }

    public static QueryResult of(
            String queryId, String collection, List<SearchHit> hits, long tookMs) {
        return new QueryResult(queryId, collection, Hits.ids(hits), Hits.scores(hits), tookMs);
    }

    public String queryId() {
        return queryId;
    }

    public String collection() {
        return collection;
    }

    public String[] hitIds() {
        return hitIds;
    }

    public float[] hitScores() {
        return hitScores;
    }

    public long tookMs() {
        return tookMs;
    }

    @Override
    public String key() {
        return queryId;
    }

    @Override
    public int hitCount() {
        return hitIds.length;
    }

    @Override
    public String hitId(int i) {
        return hitIds[i];
    }

    @Override
    public float hitScore(int i) {
        return hitScores[i];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QueryResult)) {
            return false;
        }
        QueryResult r = (QueryResult) o;
        return tookMs == r.tookMs
                && queryId.equals(r.queryId)
                && collection.equals(r.collection)
                && Arrays.equals(hitIds, r.hitIds)
                && Arrays.equals(hitScores, r.hitScores);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(queryId, collection, tookMs);
        h = 31 * h + Arrays.hashCode(hitIds);
        return 31 * h + Arrays.hashCode(hitScores);
    }

    @Override
    public String toString() {
        return "QueryResult{" + queryId + " on " + collection + " " + Arrays.toString(hitIds) + "}";
    }
}
