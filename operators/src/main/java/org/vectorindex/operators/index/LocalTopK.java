package org.vectorindex.operators.index;

import org.apache.flink.annotation.Internal;

/**
 * A subscription's current top-k within one shard, as kept in keyed state so it survives failures
 * and rescaling: ids best first with their internal scores (higher is better).
 */
@Internal
public record LocalTopK(String[] ids, float[] scores) {
    public LocalTopK {
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("ids and scores differ in length");
        }
    }
}
