package org.vectorindex.operators.testing;

import java.util.Collections;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.FloatPrimitiveArraySerializer;
import org.vectorindex.operators.index.ShardIndex;
import org.vectorindex.operators.index.ShardIndexStore;
import org.vectorindex.state.hnsw.HnswConfig;

/**
 * A {@link ShardIndexStore} whose exact indexes live directly in keyed MapState, so harness tests
 * of the operator survive snapshot and restore without the HNSW state of module {@code state}.
 */
public final class ExactShardIndexStore implements ShardIndexStore {
    private static final long serialVersionUID = 1L;

    private transient MapState<String, float[]> state;

    @Override
    public void open(RuntimeContext runtimeContext) {
        state =
                runtimeContext.getMapState(
                        new MapStateDescriptor<>(
                                "exact-vectors",
                                StringSerializer.INSTANCE,
                                FloatPrimitiveArraySerializer.INSTANCE));
    }

    @Override
    public ShardIndex current(String shardKey, HnswConfig config) {
        return new ExactShardIndex(
                config,
                new ExactShardIndex.Vectors() {
                    @Override
                    public float[] get(String id) {
                        try {
                            return state.get(id);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public void put(String id, float[] v) {
                        try {
                            state.put(id, v);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public boolean remove(String id) {
                        try {
                            boolean present = state.contains(id);
                            state.remove(id);
                            return present;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public Iterable<Map.Entry<String, float[]>> entries() {
                        try {
                            Iterable<Map.Entry<String, float[]>> it = state.entries();
                            return it == null ? Collections.emptyList() : it;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
    }

    @Override
    public void persist(String shardKey) {
        // Writes go straight to MapState.
    }
}
