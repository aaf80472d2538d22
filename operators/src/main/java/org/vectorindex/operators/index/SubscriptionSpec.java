package org.vectorindex.operators.index;

import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * A subscription as one shard keeps it in keyed state.
 *
 * @param vector the query vector, already normalised under cosine; never mutated
 * @param k number of neighbours
 * @param ef search beam for re-searches (resolved: never 0)
 * @param filter attribute equalities (empty: none)
 * @param shardCount shards of the collection, so updates can say how many the merger waits for
 */
@Internal
public record SubscriptionSpec(
        float[] vector, int k, int ef, Map<String, String> filter, int shardCount) {
    public SubscriptionSpec {
        if (filter == null) {
            filter = Map.of();
        }
    }
}
