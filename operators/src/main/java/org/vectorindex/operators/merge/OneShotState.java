package org.vectorindex.operators.merge;

import org.apache.flink.annotation.Internal;

/**
 * A one-shot query while shards are still answering: the running merged top-k and which shards have
 * answered (a bitset, so a replayed duplicate cannot be counted twice). Cleared once the result is
 * out.
 */
@Internal
public final class OneShotState {
    String collection;
    int shardCount;
    int k;
    long ingestMillis;
    long[] answered;
    TopKMerger.Ranked ranked;

    OneShotState(
            String collection,
            int shardCount,
            int k,
            long ingestMillis,
            long[] answered,
            TopKMerger.Ranked ranked) {
        this.collection = collection;
        this.shardCount = shardCount;
        this.k = k;
        this.ingestMillis = ingestMillis;
        this.answered = answered;
        this.ranked = ranked;
    }

    static OneShotState start(String collection, int shardCount, int k, long ingestMillis) {
        return new OneShotState(
                collection,
                shardCount,
                k,
                ingestMillis,
                Bits.create(shardCount),
                TopKMerger.Ranked.EMPTY);
    }
}
