package org.vectorindex.operators.index;

import java.util.HashSet;
import java.util.IdentityHashMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.keyed.KeyedMultiVectorState;
import org.vectorindex.state.multivector.MultiVectorConfig;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * The production store: HNSW shards in {@link HnswShardIndexStore} (state names unchanged, so
 * existing checkpoints restore) and multi-vector shards in {@link KeyedMultiVectorState}. One
 * operator serves every collection of a job, whatever its kind, so the store dispatches on the
 * config it is asked with and remembers which keys are multi-vector for {@link #persist}.
 */
@Internal
public final class KeyedShardIndexStore implements ShardIndexStore {
    private static final long serialVersionUID = 1L;

    /** Prefix of the multi-vector keyed state's names. */
    static final String MULTIVECTOR_STATE = "multivector";

    private final HnswShardIndexStore hnsw = new HnswShardIndexStore();

    private transient KeyedMultiVectorState multi;
    private transient IdentityHashMap<MultiVectorIndex, MultiVectorShardIndex> adapters;
    private transient HashSet<String> multiKeys;

    @Override
    public void open(RuntimeContext runtimeContext) {
        hnsw.open(runtimeContext);
        multi = new KeyedMultiVectorState(runtimeContext, MULTIVECTOR_STATE);
        adapters = new IdentityHashMap<>();
        multiKeys = new HashSet<>();
    }

    @Override
    public ShardIndex current(String shardKey, HnswConfig config) throws Exception {
        return hnsw.current(shardKey, config);
    }

    @Override
    public ShardIndex currentMultiVector(String shardKey, MultiVectorConfig config)
            throws Exception {
        MultiVectorIndex index = multi.current(shardKey, config);
        // One adapter per index instance, so routing a record to a shard allocates nothing.
        MultiVectorShardIndex adapter = adapters.get(index);
        if (adapter == null) {
            adapter = new MultiVectorShardIndex(index);
            adapters.put(index, adapter);
            multiKeys.add(shardKey);
        }
        return adapter;
    }

    @Override
    public boolean holdsMultiVector() {
        return true;
    }

    @Override
    public void persist(String shardKey) throws Exception {
        if (multiKeys.contains(shardKey)) {
            multi.persist(shardKey);
        } else {
            hnsw.persist(shardKey);
        }
    }

    /** A standalone multi-vector index seen as a {@link ShardIndex} (tests, tools). */
    public static ShardIndex wrap(MultiVectorIndex index) {
        return new MultiVectorShardIndex(index);
    }
}
