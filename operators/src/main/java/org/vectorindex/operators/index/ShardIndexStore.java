package org.vectorindex.operators.index;

import java.io.Serializable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.vectorindex.state.hnsw.HnswConfig;

/**
 * Where the index operator gets the index of the current shard key from, and how it makes a change
 * durable. Implementations keep the index in Flink keyed state, so checkpoints contain it and
 * restores and rescales bring it back.
 */
public interface ShardIndexStore extends Serializable {
    /** Registers keyed state; called from the operator's {@code open()}. */
    void open(RuntimeContext runtimeContext);

    /** The index of the current key (the operator's current shard key). */
    ShardIndex current(String shardKey, HnswConfig config) throws Exception;

    /** Writes the current key's changes to keyed state; called after every mutation. */
    void persist(String shardKey) throws Exception;
}
