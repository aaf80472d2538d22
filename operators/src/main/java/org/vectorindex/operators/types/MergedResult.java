package org.vectorindex.operators.types;

import org.apache.flink.annotation.Internal;

/**
 * Output of the merge operator: a one-shot query's global result, a subscription update, or the
 * answer to a stats request; and the owner shard's answer to a get ({@link Kind#VECTOR}), which
 * needs no merging. The job maps it onto the results-topic record model.
 *
 * @param ids the whole global top-k, best first; VECTOR: the id looked up
 * @param scores users' scores of {@code ids}; VECTOR: the stored vector, empty when absent
 * @param tookMs RESULT only: processing time at emission minus the query's ingest time
 * @param version UPDATE only: 1 for the initial top-k, +1 per update
 * @param entered UPDATE only: ids now in the top-k that were not before
 * @param left UPDATE only: ids that were in the top-k and no longer are
 * @param cause UPDATE only: the mutation that caused it ({@code SUBSCRIBE} for version 1)
 * @param shards STATS only: every shard's stats, in shard order; null for the other kinds
 */
@Internal
public record MergedResult(
        Kind kind,
        String requestId,
        String collection,
        String[] ids,
        float[] scores,
        long tookMs,
        long version,
        String[] entered,
        String[] left,
        PartialResult.Cause cause,
        String causeId,
        ShardStats[] shards) {

    /** What the result is. */
    public enum Kind {
        RESULT,
        UPDATE,
        STATS,
        VECTOR
    }

    public MergedResult {
        if ((kind == Kind.STATS) != (shards != null)) {
            throw new IllegalArgumentException(
                    "a "
                            + kind
                            + " result "
                            + (shards == null ? "needs" : "carries no")
                            + " stats");
        }
    }

    private static final String[] NO_IDS = new String[0];
    private static final float[] NO_SCORES = new float[0];

    /** A one-shot query's merged top-k, answered {@code tookMs} after the query's ingest. */
    public static MergedResult result(
            String queryId, String collection, String[] ids, float[] scores, long tookMs) {
        return new MergedResult(
                Kind.RESULT,
                queryId,
                collection,
                ids,
                scores,
                tookMs,
                0,
                NO_IDS,
                NO_IDS,
                PartialResult.Cause.NONE,
                null,
                null);
    }

    /** A subscription's new top-k, its {@code version}-th, after {@code cause}. */
    public static MergedResult update(
            String subscriptionId,
            String collection,
            String[] ids,
            float[] scores,
            long version,
            String[] entered,
            String[] left,
            PartialResult.Cause cause,
            String causeId) {
        return new MergedResult(
                Kind.UPDATE,
                subscriptionId,
                collection,
                ids,
                scores,
                0,
                version,
                entered,
                left,
                cause,
                causeId,
                null);
    }

    /** Every shard's stats, in shard order. */
    public static MergedResult stats(String requestId, String collection, ShardStats[] shards) {
        return new MergedResult(
                Kind.STATS,
                requestId,
                collection,
                NO_IDS,
                NO_SCORES,
                0,
                0,
                NO_IDS,
                NO_IDS,
                PartialResult.Cause.NONE,
                null,
                shards);
    }

    /** The stored vector of {@code id}; null (sent as no components) when there is none. */
    public static MergedResult vector(
            String requestId, String collection, String id, float[] vector) {
        return new MergedResult(
                Kind.VECTOR,
                requestId,
                collection,
                new String[] {id},
                vector == null ? NO_SCORES : vector,
                0,
                0,
                NO_IDS,
                NO_IDS,
                PartialResult.Cause.NONE,
                null,
                null);
    }
}
