package org.vectorindex.operators.index;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.keyed.KeyedHnswState;

/** The production store: the HNSW indexes of {@link KeyedHnswState}, one per shard key. */
@Internal
public final class HnswShardIndexStore implements ShardIndexStore {
    private static final long serialVersionUID = 1L;

    private transient KeyedHnswState state;
    private transient IdentityHashMap<HnswIndex, Adapter> adapters;

    @Override
    public void open(RuntimeContext runtimeContext) {
        state = new KeyedHnswState(runtimeContext);
        adapters = new IdentityHashMap<>();
    }

    @Override
    public ShardIndex current(String shardKey, HnswConfig config) throws Exception {
        HnswIndex index = state.current(shardKey, config);
        // One adapter per index instance, so routing a record to a shard allocates nothing.
        Adapter adapter = adapters.get(index);
        if (adapter == null) {
            adapter = new Adapter(index);
            adapters.put(index, adapter);
        }
        return adapter;
    }

    @Override
    public void persist(String shardKey) throws Exception {
        state.persist(shardKey);
    }

    /** A standalone HNSW index seen as a {@link ShardIndex} (benchmarks, tools). */
    public static ShardIndex wrap(HnswIndex index) {
        return new Adapter(index);
    }

    private static final class Adapter implements ShardIndex {
        final HnswIndex index;

        Adapter(HnswIndex index) {
            this.index = index;
        }

        @Override
        public void upsert(String id, float[] vector) {
            index.upsert(id, vector);
        }

        @Override
        public void upsert(String id, float[] vector, Map<String, String> attributes) {
            index.upsert(id, vector, attributes);
        }

        @Override
        public void setAttributes(String id, Map<String, String> attributes) {
            index.setAttributesIfPresent(id, attributes);
        }

        @Override
        public boolean delete(String id) {
            return index.delete(id);
        }

        @Override
        public boolean contains(String id) {
            return index.contains(id);
        }

        @Override
        public float[] vector(String id) {
            return index.vector(id);
        }

        @Override
        public List<SearchHit> search(float[] query, int k, int ef, IdFilter filter) {
            return index.search(query, k, ef, filter == null ? null : filter.attributes());
        }

        @Override
        public List<SearchHit> exactSearch(float[] query, int k, IdFilter filter) {
            return index.exactSearch(query, k, filter == null ? null : filter.attributes());
        }

        @Override
        public int size() {
            return index.size();
        }

        @Override
        public long digest() {
            return index.graphDigest();
        }
    }
}
