package org.vectorindex.operators.types;

import java.util.Locale;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.shard.ShardKey;

/**
 * A query-side request: a one-shot k-NN query, a subscription, an unsubscription or a stats
 * request. The job maps the parsed record model onto an unrouted instance ({@link #knn}, {@link
 * #subscribe}, {@link #unsubscribe}, {@link #stats}); {@link
 * org.vectorindex.operators.routing.ShardFanOut} then emits one routed copy per shard ({@link
 * #toShard}), which is what the index operator receives.
 *
 * @param kind what is asked
 * @param requestId queryId or subscriptionId
 * @param collection target collection; null only for an unrouted unsubscribe that does not name one
 *     (it is then sent to every collection)
 * @param shard target shard, -1 while unrouted
 * @param shardCount shards of the collection, 0 while unrouted
 * @param shardKey {@link ShardKey} of the target shard, null while unrouted
 * @param vector query vector (null for unsubscribe and stats); never mutated after construction
 * @param k number of neighbours (0 for unsubscribe and stats)
 * @param ef search beam; 0 means the collection's default
 * @param filter attribute equalities every hit must satisfy (empty: no filter); never null
 * @param ingestMillis when the query entered the job, for {@code tookMs}
 * @param sourcePartition partition of the queries topic it was read from, -1 when unknown
 * @param sourceOffset offset in that partition, -1 when unknown; with the partition it tells two
 *     requests under one id apart
 * @param targetId GET only: the id whose stored vector is asked for; null for the other kinds
 */
@Internal
public record ShardQuery(
        Kind kind,
        String requestId,
        String collection,
        int shard,
        int shardCount,
        String shardKey,
        float[] vector,
        int k,
        int ef,
        Map<String, String> filter,
        long ingestMillis,
        int sourcePartition,
        long sourceOffset,
        String targetId)
        implements ShardInput {

    /** Kind of request. */
    public enum Kind {
        KNN,
        SUBSCRIBE,
        UNSUBSCRIBE,
        /** Each shard answers its size and graph digest. */
        STATS,
        /** The shard that owns {@link #targetId} answers with its stored vector. */
        GET;

        /** Whether this kind carries a query vector and a k. */
        public boolean hasVector() {
            return this == KNN || this == SUBSCRIBE;
        }
    }

    public ShardQuery {
        if (kind == null) {
            throw new IllegalArgumentException("kind is missing");
        }
        if (requestId == null) {
            throw new IllegalArgumentException("requestId is missing");
        }
        if (kind.hasVector() && vector == null) {
            throw new IllegalArgumentException("vector is missing for " + requestId);
        }
        if (filter == null) {
            filter = Map.of();
        }
        if ((kind == Kind.GET) != (targetId != null)) {
            throw new IllegalArgumentException("exactly a get names a target id: " + requestId);
        }
    }

    /** The same request, read at {@code partition} and {@code offset} of the queries topic. */
    public ShardQuery at(int partition, long offset) {
        return new ShardQuery(
                kind,
                requestId,
                collection,
                shard,
                shardCount,
                shardKey,
                vector,
                k,
                ef,
                filter,
                ingestMillis,
                partition,
                offset,
                targetId);
    }

    public static ShardQuery knn(
            String queryId,
            String collection,
            float[] vector,
            int k,
            int ef,
            Map<String, String> filter,
            long ingestMillis) {
        requireCollection(collection, queryId);
        return unrouted(
                Kind.KNN, queryId, collection, vector, k, ef, copy(filter), ingestMillis, null);
    }

    public static ShardQuery subscribe(
            String subscriptionId,
            String collection,
            float[] vector,
            int k,
            int ef,
            Map<String, String> filter,
            long ingestMillis) {
        requireCollection(collection, subscriptionId);
        return unrouted(
                Kind.SUBSCRIBE,
                subscriptionId,
                collection,
                vector,
                k,
                ef,
                copy(filter),
                ingestMillis,
                null);
    }

    /** {@code collection} may be null: the unsubscription then goes to every collection. */
    public static ShardQuery unsubscribe(
            String subscriptionId, String collection, long ingestMillis) {
        return unrouted(
                Kind.UNSUBSCRIBE,
                subscriptionId,
                collection,
                null,
                0,
                0,
                Map.of(),
                ingestMillis,
                null);
    }

    /** Asks every shard of {@code collection} for its size and graph digest. */
    public static ShardQuery stats(String queryId, String collection, long ingestMillis) {
        requireCollection(collection, queryId);
        return unrouted(Kind.STATS, queryId, collection, null, 0, 0, Map.of(), ingestMillis, null);
    }

    /** Asks the shard of {@code collection} that owns {@code targetId} for its stored vector. */
    public static ShardQuery get(
            String queryId, String collection, String targetId, long ingestMillis) {
        requireCollection(collection, queryId);
        if (targetId == null) {
            throw new IllegalArgumentException("target id is missing for " + queryId);
        }
        return unrouted(
                Kind.GET, queryId, collection, null, 0, 0, Map.of(), ingestMillis, targetId);
    }

    /** A request not yet routed to a shard, of unknown source. */
    private static ShardQuery unrouted(
            Kind kind,
            String requestId,
            String collection,
            float[] vector,
            int k,
            int ef,
            Map<String, String> filter,
            long ingestMillis,
            String targetId) {
        return new ShardQuery(
                kind,
                requestId,
                collection,
                -1,
                0,
                null,
                vector,
                k,
                ef,
                filter,
                ingestMillis,
                -1,
                -1L,
                targetId);
    }

    /** Whether {@link #toShard} has been applied. */
    public boolean routed() {
        return shardKey != null;
    }

    /** The copy of this request for one shard of {@code targetCollection}. */
    public ShardQuery toShard(String targetCollection, int targetShard, int targetShardCount) {
        if (targetShard < 0 || targetShard >= targetShardCount) {
            throw new IllegalArgumentException(
                    "shard " + targetShard + " outside 0.." + (targetShardCount - 1));
        }
        return new ShardQuery(
                kind,
                requestId,
                targetCollection,
                targetShard,
                targetShardCount,
                ShardKey.of(targetCollection, targetShard),
                vector,
                k,
                ef,
                filter,
                ingestMillis,
                sourcePartition,
                sourceOffset,
                targetId);
    }

    private static void requireCollection(String collection, String requestId) {
        if (collection == null || collection.isEmpty()) {
            throw new IllegalArgumentException("collection is missing for " + requestId);
        }
    }

    private static Map<String, String> copy(Map<String, String> filter) {
        return filter == null ? Map.of() : Map.copyOf(filter);
    }

    /** "knn", "subscribe", "unsubscribe", "stats" or "get", as a rejection names it. */
    @Override
    public String what() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String recordId() {
        return requestId;
    }
}
