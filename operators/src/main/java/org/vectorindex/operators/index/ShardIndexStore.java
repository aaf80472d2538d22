package org.vectorindex.operators.index;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.multivector.MultiVectorConfig;

/**
 * Where the index operator gets the index of the current shard key from, and how it makes a change
 * durable. Implementations keep the index in Flink keyed state, so checkpoints contain it and
 * restores and rescales bring it back. A shard key belongs to one collection, so it is always asked
 * for the same kind of index.
 */
@Internal
public interface ShardIndexStore extends Serializable {
    /** Registers keyed state; called from the operator's {@code open()}. */
    void open(RuntimeContext runtimeContext);

    /** The index of the current key (the operator's current shard key). */
    ShardIndex current(String shardKey, HnswConfig config) throws Exception;

    /**
     * The multi-vector index of the current key: {@link ShardIndex#vector} gives its pooled vectors
     * (flat, row-major) and {@link ShardIndex#search} MaxSim scores. Stores for single-vector
     * collections only keep this default, and {@link #holdsMultiVector} says so.
     */
    default ShardIndex currentMultiVector(String shardKey, MultiVectorConfig config)
            throws Exception {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " holds no multi-vector shards");
    }

    /** Whether {@link #currentMultiVector} is supported. */
    default boolean holdsMultiVector() {
        return false;
    }

    /**
     * Writes the current key's changes to keyed state; called at each snapshot for every key
     * mutated since the last one.
     */
    void persist(String shardKey) throws Exception;
}
