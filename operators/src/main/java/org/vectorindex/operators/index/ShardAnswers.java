package org.vectorindex.operators.index;

import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardStats;

/** A shard's answers that read its index without searching it: stats and stored vectors. */
final class ShardAnswers {

    private ShardAnswers() {}

    /** The shard's size and graph digest, for the merger to gather from every shard. */
    static PartialResult stats(ShardQuery q, ShardIndex index, ShardWorkingSet ws) {
        return PartialResult.stats(
                q, ws.collection, ws.shard, new ShardStats(index.size(), index.digest()));
    }

    /**
     * The stored vector of a get's target id, complete as it is: only this shard holds the id, so
     * it goes straight out, past the merger. Empty when the shard does not hold the id.
     */
    static MergedResult vector(ShardQuery q, ShardIndex index, ShardWorkingSet ws) {
        float[] v = index.vector(q.targetId());
        return MergedResult.vector(q.requestId(), ws.collection, q.targetId(), v);
    }
}
