package org.vectorindex.operators.merge;

import org.apache.flink.annotation.Internal;

/**
 * The merger's view of one subscription: each shard's latest local top-k, the merged top-k last
 * emitted and its version. {@code closing} is set by the first shard that reports the
 * unsubscription; partials a closed shard sends afterwards belong to a new subscription with the
 * same id and are collected in a successor state.
 */
@Internal
public final class SubscriptionState {
    String collection;
    int shardCount;
    int k;
    long version;
    boolean closing;
    long[] reported;
    long[] closed;
    String[][] shardIds;
    float[][] shardScores;
    TopKMerger.Ranked current;

    SubscriptionState(
            String collection,
            int shardCount,
            int k,
            long version,
            boolean closing,
            long[] reported,
            long[] closed,
            String[][] shardIds,
            float[][] shardScores,
            TopKMerger.Ranked current) {
        this.collection = collection;
        this.shardCount = shardCount;
        this.k = k;
        this.version = version;
        this.closing = closing;
        this.reported = reported;
        this.closed = closed;
        this.shardIds = shardIds;
        this.shardScores = shardScores;
        this.current = current;
    }

    static SubscriptionState start(String collection, int shardCount, int k) {
        return new SubscriptionState(
                collection,
                shardCount,
                k,
                0,
                false,
                Bits.create(shardCount),
                Bits.create(shardCount),
                new String[shardCount][],
                new float[shardCount][],
                TopKMerger.Ranked.EMPTY);
    }

    boolean allReported() {
        return Bits.count(reported) == shardCount;
    }
}
