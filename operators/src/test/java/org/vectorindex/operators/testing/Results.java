package org.vectorindex.operators.testing;

import java.util.Map;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardStats;

/**
 * Shards' partials and the merger's results for tests, built as the operators build them: a partial
 * through {@link PartialResult}'s factories, from the routed request it answers.
 */
public final class Results {
    private Results() {}

    /**
     * The one-shot query {@code queryId} as routed to shard {@code shard} of {@code shardCount}.
     */
    public static ShardQuery knnOnShard(
            String queryId,
            String collection,
            int shard,
            int shardCount,
            int k,
            long ingestMillis) {
        return ShardQuery.knn(queryId, collection, new float[] {0f}, k, 0, Map.of(), ingestMillis)
                .toShard(collection, shard, shardCount);
    }

    /** The stats request {@code queryId} as routed to shard {@code shard} of {@code shardCount}. */
    public static ShardQuery statsOnShard(
            String queryId, String collection, int shard, int shardCount, long ingestMillis) {
        return ShardQuery.stats(queryId, collection, ingestMillis)
                .toShard(collection, shard, shardCount);
    }

    /** The answer of the shard that {@code routed} went to. */
    public static PartialResult oneShot(ShardQuery routed, String[] ids, float[] scores) {
        return PartialResult.oneShot(routed, routed.collection(), routed.shard(), ids, scores);
    }

    /** The stats answer of the shard that {@code routed} went to. */
    public static PartialResult stats(ShardQuery routed, long size, long digest) {
        return PartialResult.stats(
                routed, routed.collection(), routed.shard(), new ShardStats(size, digest));
    }

    /** The merged answer to the stats request {@code requestId}: every shard's stats in order. */
    public static MergedResult mergedStats(
            String requestId, String collection, ShardStats... shards) {
        return MergedResult.stats(requestId, collection, shards);
    }

    public static String[] ids(String... ids) {
        return ids;
    }

    public static float[] scores(float... scores) {
        return scores;
    }
}
