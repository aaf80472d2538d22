package org.vectorindex.operators.index;

import java.util.HashMap;
import java.util.Map;
import org.vectorindex.state.hnsw.HnswConfig;

/**
 * The in-memory form of one shard beside its index: attributes by id (for filters; kept in memory
 * so a filtered search does not pay a state read per visited node) and the open subscriptions.
 * Keyed state is the durable image of both; this is rebuilt from it on first use after a restore.
 */
final class ShardWorkingSet {
    final String collection;
    final int shard;
    final HnswConfig config;
    final Map<String, Map<String, String>> attributes = new HashMap<>();
    final ShardSubscriptions subscriptions;
    final IdFilter queryFilter;

    ShardWorkingSet(String collection, int shard, HnswConfig config) {
        this.collection = collection;
        this.shard = shard;
        this.config = config;
        this.subscriptions =
                new ShardSubscriptions(config.dimension(), config.metric(), attributes);
        this.queryFilter = new IdFilter(attributes);
    }
}
