package org.vectorindex.operators.merge;

import org.apache.flink.annotation.Internal;

/**
 * A stats request while shards are still answering: which shards have answered (a bitset, so a
 * replayed duplicate cannot be counted twice) and each answered shard's size and digest. Cleared
 * once the merged answer is out.
 */
@Internal
public final class StatsState {
    String collection;
    int shardCount;
    long[] answered;
    long[] sizes;
    long[] digests;

    StatsState(String collection, int shardCount, long[] answered, long[] sizes, long[] digests) {
        this.collection = collection;
        this.shardCount = shardCount;
        this.answered = answered;
        this.sizes = sizes;
        this.digests = digests;
    }

    static StatsState start(String collection, int shardCount) {
        return new StatsState(
                collection,
                shardCount,
                Bits.create(shardCount),
                new long[shardCount],
                new long[shardCount]);
    }
}
