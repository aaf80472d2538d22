package org.vectorindex.operators.index;

import java.util.HashMap;
import java.util.Map;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.VectorMath;
import org.vectorindex.state.multivector.MultiVectorConfig;

/**
 * The in-memory form of one shard beside its index: attributes by id (for filters; kept in memory
 * so a filtered search does not pay a state read per visited node) and the open subscriptions.
 * Keyed state is the durable image of both; this is rebuilt from it on first use after a restore.
 * It also caches the shard's index configs, so routing a record builds none.
 */
final class ShardWorkingSet {
    final String collection;
    final int shard;

    /** {@link CollectionSpec#vectorConfig}: the HNSW index's, or one token's if multi-vector. */
    final HnswConfig config;

    /** Config of a multi-vector shard's index, or null for an HNSW shard. */
    final MultiVectorConfig multiVector;

    final Map<String, Map<String, String>> attributes = new HashMap<>();
    final ShardSubscriptions subscriptions;
    final IdFilter queryFilter;

    /** Index size as last reported to the operator's {@code liveVectors} gauge. */
    int size;

    ShardWorkingSet(CollectionSpec spec, int shard) {
        this.collection = spec.name();
        this.shard = shard;
        this.config = spec.vectorConfig();
        this.multiVector = spec.isMultiVector() ? spec.multiVectorConfig() : null;
        SubscriptionScorer scorer =
                multiVector != null
                        ? SubscriptionScorer.maxSim(config.dimension())
                        : SubscriptionScorer.of(config.metric(), config.dimension());
        this.subscriptions = new ShardSubscriptions(scorer, attributes);
        this.queryFilter = new IdFilter(attributes);
    }

    /** A reason the request is invalid for this shard, or null. Same answer on every shard. */
    String problemWith(ShardQuery q) {
        if (q.k() < 1 || q.k() > CollectionSpec.MAX_K) {
            return "k must be in 1.." + CollectionSpec.MAX_K + ", got " + q.k();
        }
        if (q.ef() < 0) {
            return "ef must not be negative, got " + q.ef();
        }
        if (multiVector != null) {
            return TokenRows.problem(q.vector(), config.dimension(), multiVector.maxTokens());
        }
        try {
            VectorMath.validate(q.vector(), config.dimension(), config.metric());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }
}
