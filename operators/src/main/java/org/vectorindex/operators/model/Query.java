package org.vectorindex.operators.model;

import static org.vectorindex.operators.model.QueryType.KNN;
import static org.vectorindex.operators.model.QueryType.SUBSCRIBE;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A record of the queries topic: a one-shot k-NN query, the opening or closing of a standing query
 * (subscription), or a request for the shards' statistics.
 *
 * <p>{@link #id()} is the queryId of a {@link QueryType#KNN} or {@link QueryType#STATS} request and
 * the subscriptionId otherwise. An unsubscribe may omit the collection ({@link #collection()} is
 * then {@code null}): the wire format does not require it, so operators must then close the
 * subscription on every collection. {@link #ef()} is 0 when the record did not set it (use the
 * collection's ef). Immutable by contract; the vector arrays are not copied and must not be
 * modified.
 */
@TypeInfo(ModelTypeInfoFactories.QueryInfo.class)
@PublicEvolving
public final class Query extends SourcedRecord {
    private final QueryType type;
    private final String id;
    private final String collection;
    private final int k;
    private final int ef;
    private final Map<String, String> filter;
    private final String targetId;

    private Query(
            QueryType type,
            String id,
            String collection,
            float[] vector,
            float[][] vectors,
            int k,
            int ef,
            Map<String, String> filter,
            String targetId) {
        super(vector, vectors, -1, -1L);
        this.type = Objects.requireNonNull(type, "type is missing");
        this.id = Objects.requireNonNull(id, "id is missing");
        if (type.hasVector()) {
            Objects.requireNonNull(collection, "collection is missing");
            if ((vector == null) == (vectors == null)) {
                throw new IllegalArgumentException(
                        type.wireName() + " '" + id + "' needs exactly one of vector or vectors");
            }
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1, got " + k);
            }
        } else if (vector != null || vectors != null || k != 0) {
            throw new IllegalArgumentException(type.wireName() + " carries no vector and no k");
        } else if (type == QueryType.STATS || type == QueryType.GET) {
            Objects.requireNonNull(collection, "collection is missing");
        }
        if ((type == QueryType.GET) != (targetId != null)) {
            throw new IllegalArgumentException("exactly a get names the id of a stored vector");
        }
        if (ef < 0) {
            throw new IllegalArgumentException("ef must not be negative, got " + ef);
        }
        this.collection = collection;
        this.k = k;
        this.ef = ef;
        this.filter = ModelMaps.readOnly(filter);
        this.targetId = targetId;
    }

    /**
     * The same request, read at {@code partition} and {@code offset} of the queries topic: the
     * coordinates travel with it so that a later dead letter names the original record, and two
     * requests under one queryId stay apart. They are not part of equality.
     */
    public Query at(int partition, long offset) {
        return new Query(this, partition, offset);
    }

    /** A copy of the valid {@code q} read at other coordinates. */
    private Query(Query q, int partition, long offset) {
        super(q.vector(), q.vectors(), partition, offset);
        this.type = q.type;
        this.id = q.id;
        this.collection = q.collection;
        this.k = q.k;
        this.ef = q.ef;
        this.filter = q.filter;
        this.targetId = q.targetId;
    }

    /** One-shot k-NN on an HNSW collection; {@code ef} 0 means the collection's default. */
    public static Query knn(
            String queryId,
            String collection,
            float[] vector,
            int k,
            int ef,
            Map<String, String> filter) {
        return new Query(KNN, queryId, collection, one(vector), null, k, ef, filter, null);
    }

    /** One-shot k-NN on a multi-vector collection. */
    public static Query knnMulti(
            String queryId,
            String collection,
            float[][] vectors,
            int k,
            int ef,
            Map<String, String> filter) {
        return new Query(KNN, queryId, collection, null, all(vectors), k, ef, filter, null);
    }

    public static Query subscribe(
            String subscriptionId,
            String collection,
            float[] vector,
            int k,
            int ef,
            Map<String, String> filter) {
        return new Query(
                SUBSCRIBE, subscriptionId, collection, one(vector), null, k, ef, filter, null);
    }

    public static Query subscribeMulti(
            String subscriptionId,
            String collection,
            float[][] vectors,
            int k,
            int ef,
            Map<String, String> filter) {
        return new Query(
                SUBSCRIBE, subscriptionId, collection, null, all(vectors), k, ef, filter, null);
    }

    private static float[] one(float[] vector) {
        return Objects.requireNonNull(vector, "vector is missing");
    }

    private static float[][] all(float[][] vectors) {
        return Objects.requireNonNull(vectors, "vectors is missing");
    }

    /** Closes a subscription; {@code collection} may be {@code null} (all collections). */
    public static Query unsubscribe(String subscriptionId, String collection) {
        return new Query(
                QueryType.UNSUBSCRIBE, subscriptionId, collection, null, null, 0, 0, null, null);
    }

    /** Asks every shard of {@code collection} for its size and graph digest. */
    public static Query stats(String queryId, String collection) {
        return new Query(QueryType.STATS, queryId, collection, null, null, 0, 0, null, null);
    }

    /** Asks the shard that owns {@code targetId} in {@code collection} for its stored vector. */
    public static Query get(String queryId, String collection, String targetId) {
        Objects.requireNonNull(targetId, "id is missing");
        return new Query(QueryType.GET, queryId, collection, null, null, 0, 0, null, targetId);
    }

    /** The id whose stored vector a {@link QueryType#GET} asks for; null for the other types. */
    public String targetId() {
        return targetId;
    }

    public QueryType type() {
        return type;
    }

    /** queryId for knn and stats, subscriptionId for subscribe and unsubscribe. */
    public String id() {
        return id;
    }

    /** The collection; {@code null} only for an unsubscribe that did not name one. */
    public String collection() {
        return collection;
    }

    /** Number of hits wanted; 0 for unsubscribe. */
    public int k() {
        return k;
    }

    /** Search beam width, or 0 to use the collection's ef. */
    public int ef() {
        return ef;
    }

    /** Attribute equalities every hit must satisfy; empty when unfiltered. Read-only. */
    public Map<String, String> filter() {
        return filter;
    }

    @Override
    Object[] components() {
        return new Object[] {type, k, ef, id, collection, targetId, vector(), vectors(), filter};
    }

    @Override
    public String toString() {
        return "Query{"
                + type.wireName()
                + " "
                + id
                + " on "
                + collection
                + describeVectors()
                + (type.hasVector() ? " k=" + k + " ef=" + ef : "")
                + (targetId == null ? "" : " id=" + targetId)
                + (filter.isEmpty() ? "" : " filter=" + filter)
                + "}";
    }
}
