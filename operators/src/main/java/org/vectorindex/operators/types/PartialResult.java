package org.vectorindex.operators.types;

import org.apache.flink.annotation.Internal;

/**
 * One shard's answer for one request, sent to the merge operator keyed by {@link #requestId}.
 *
 * <p>For a one-shot query it is the shard's top-k. For a subscription it is the shard's whole
 * current local top-k, sent on subscribe and whenever a mutation changes it, with the mutation as
 * the cause. {@link Kind#CLOSED} says the shard dropped the subscription and sends no more. For a
 * stats request ({@link Kind#STATS}) it carries the shard's {@link #stats} and no hits.
 *
 * @param ids hit ids, best first (score descending, then id ascending)
 * @param scores the users' scores of {@code ids}, same order
 * @param ingestMillis the query's ingest time (one-shot), for {@code tookMs}
 * @param cause what made a continuous partial; {@link Cause#NONE} otherwise
 * @param causeId id of the mutation (or subscription) that caused it, null for {@code NONE}
 * @param stats the shard's size and digest for {@link Kind#STATS}, null for every other kind
 * @param sourcePartition partition of the request in the queries topic (one-shot and stats), -1
 *     when unknown or for a subscription
 * @param sourceOffset offset of the request in that partition, -1 likewise
 */
@Internal
public record PartialResult(
        Kind kind,
        String requestId,
        String collection,
        int shard,
        int shardCount,
        int k,
        String[] ids,
        float[] scores,
        long ingestMillis,
        Cause cause,
        String causeId,
        ShardStats stats,
        int sourcePartition,
        long sourceOffset) {

    /** What the partial answers. */
    public enum Kind {
        ONE_SHOT,
        CONTINUOUS,
        CLOSED,
        STATS
    }

    /** What changed a continuous partial. */
    public enum Cause {
        NONE,
        SUBSCRIBE,
        UPSERT,
        DELETE
    }

    public PartialResult {
        if (ids.length != scores.length) {
            throw new IllegalArgumentException(
                    "ids and scores differ in length: " + ids.length + " vs " + scores.length);
        }
        if (shard < 0 || shard >= shardCount) {
            throw new IllegalArgumentException(
                    "shard " + shard + " outside 0.." + (shardCount - 1) + " for " + requestId);
        }
        if ((kind == Kind.STATS) != (stats != null)) {
            throw new IllegalArgumentException(
                    "a "
                            + kind
                            + " partial "
                            + (stats == null ? "needs" : "carries no")
                            + " stats");
        }
    }

    private static final String[] NO_IDS = new String[0];
    private static final float[] NO_SCORES = new float[0];

    /**
     * Shard {@code shard}'s top-k ({@code ids}, {@code scores}) for the one-shot query {@code q}.
     */
    public static PartialResult oneShot(
            ShardQuery q, String collection, int shard, String[] ids, float[] scores) {
        return new PartialResult(
                Kind.ONE_SHOT,
                q.requestId(),
                collection,
                shard,
                q.shardCount(),
                q.k(),
                ids,
                scores,
                q.ingestMillis(),
                Cause.NONE,
                null,
                null,
                q.sourcePartition(),
                q.sourceOffset());
    }

    /** Shard {@code shard}'s size and digest for the stats request {@code q}. */
    public static PartialResult stats(
            ShardQuery q, String collection, int shard, ShardStats stats) {
        return new PartialResult(
                Kind.STATS,
                q.requestId(),
                collection,
                shard,
                q.shardCount(),
                0,
                NO_IDS,
                NO_SCORES,
                q.ingestMillis(),
                Cause.NONE,
                null,
                stats,
                q.sourcePartition(),
                q.sourceOffset());
    }

    /**
     * A subscription's whole local top-k on one shard of {@code shardCount}, after {@code cause}
     * (the mutation or subscription {@code causeId}).
     */
    public static PartialResult continuous(
            String subscriptionId,
            String collection,
            int shard,
            int shardCount,
            int k,
            String[] ids,
            float[] scores,
            Cause cause,
            String causeId) {
        return new PartialResult(
                Kind.CONTINUOUS,
                subscriptionId,
                collection,
                shard,
                shardCount,
                k,
                ids,
                scores,
                0L,
                cause,
                causeId,
                null,
                -1,
                -1L);
    }

    /** The shard dropped the subscription and sends no more for it. */
    public static PartialResult closed(
            String subscriptionId,
            String collection,
            int shard,
            int shardCount,
            int k,
            long ingestMillis) {
        return new PartialResult(
                Kind.CLOSED,
                subscriptionId,
                collection,
                shard,
                shardCount,
                k,
                NO_IDS,
                NO_SCORES,
                ingestMillis,
                Cause.NONE,
                null,
                null,
                -1,
                -1L);
    }

    /**
     * The merger's key. A subscription's partials meet under its id; a one-shot or stats request is
     * merged under its id and its place in the queries topic, so two requests in flight under one
     * queryId are merged apart, whatever their collections and shard counts.
     */
    public String mergeKey() {
        if (kind == Kind.ONE_SHOT || kind == Kind.STATS) {
            return sourcePartition + ":" + sourceOffset + ":" + requestId;
        }
        return requestId;
    }
}
