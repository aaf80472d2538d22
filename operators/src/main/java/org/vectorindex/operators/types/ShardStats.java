package org.vectorindex.operators.types;

import org.apache.flink.annotation.Internal;

/**
 * What a shard answers to a stats request: how many live vectors its index holds and the index's
 * 64-bit graph digest (equal digests mean identical graphs, see {@code ShardIndex#digest}).
 */
@Internal
public record ShardStats(long size, long digest) {
    public ShardStats {
        if (size < 0) {
            throw new IllegalArgumentException("shard size must not be negative, got " + size);
        }
    }
}
