package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.IndexKind;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * Rescaling the index operator from one subtask to two: whole shards move with their index,
 * attributes and subscriptions, and both new subtasks carry on exactly.
 */
class ShardIndexRescaleTest extends RescaleScenario {
    private static final int DIM = 5;
    private static final Metric METRIC = Metric.DOT;
    private static final List<CollectionSpec> COLLECTIONS =
            List.of(
                    CollectionSpec.of(
                            "c",
                            SHARDS,
                            HnswConfig.builder().dimension(DIM).metric(METRIC).build()));

    private final Map<String, float[]> docs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attrs = new HashMap<>();
    private TestVectors data;
    private IndexKind kind;

    ShardIndexRescaleTest() {
        super("c");
    }

    static List<Arguments> cases() {
        return List.of(
                Arguments.of(Backend.HASHMAP, IndexKind.EXACT),
                Arguments.of(Backend.ROCKSDB, IndexKind.EXACT),
                Arguments.of(Backend.HASHMAP, IndexKind.HNSW),
                Arguments.of(Backend.ROCKSDB, IndexKind.HNSW));
    }

    /** At most about 35 documents per shard, default ef 64: HNSW search is exact. */
    @ParameterizedTest
    @MethodSource("cases")
    void shardsMoveWholeAndCarryOnAfterScalingOut(Backend backend, IndexKind kind)
            throws Exception {
        this.kind = kind;
        data = new TestVectors(77, DIM, 4);
        run(backend, 120, 6, 150, 160);
    }

    @Override
    ShardIndexFunction function() {
        return new ShardIndexFunction(COLLECTIONS, kind.create());
    }

    @Override
    float[] next() {
        return data.next();
    }

    @Override
    void upserted(String id, float[] v, Map<String, String> attributes) {
        docs.put(id, v);
        attrs.put(id, attributes);
    }

    @Override
    void deleted(String id) {
        docs.remove(id);
        attrs.remove(id);
    }

    @Override
    boolean holds(String id) {
        return docs.containsKey(id);
    }

    @Override
    void assertKnn(PartialResult p, float[] q, int k) {
        assertExact(p, q, k, Map.of());
    }

    @Override
    void assertExact(PartialResult p, float[] q, int k, Map<String, String> filter) {
        Truth.Ranked truth =
                Truth.topK(Truth.onShard(docs, p.shard(), SHARDS), attrs, q, k, METRIC, filter);
        assertEquals(truth.ids(), List.of(p.ids()), "shard " + p.shard());
    }
}
