package org.vectorindex.operators.index;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TokenSets;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * Rescaling the index operator from one subtask to two with a multi-vector collection: whole shards
 * move with their pooled vectors, FDE graph, attributes and subscriptions, and both new subtasks
 * answer exactly as a {@link MultiVectorIndex} fed the same records would, and keep the
 * subscription equal to the exact MaxSim top-k.
 */
class ShardIndexRescaleMultiVectorTest extends RescaleScenario {
    private static final int DIM = 6;
    private static final List<CollectionSpec> COLLECTIONS =
            List.of(
                    CollectionSpec.multiVector(
                            "mv",
                            SHARDS,
                            DIM,
                            8,
                            40,
                            16,
                            3L,
                            new MultiVectorParams(3, 3, 2, 3, 0, 300, 16)));

    private final MultiVectorReference reference =
            new MultiVectorReference(COLLECTIONS.get(0).multiVectorConfig(), SHARDS);
    private final TokenSets data = new TokenSets(41, DIM, 5, 1, 9);

    ShardIndexRescaleMultiVectorTest() {
        super("mv");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void shardsMoveWholeAndCarryOnAfterScalingOut(Backend backend) throws Exception {
        run(backend, 100, 5, 120, 130);
    }

    @Override
    ShardIndexFunction function() {
        return ShardIndexFunction.withHnsw(COLLECTIONS);
    }

    @Override
    float[] next() {
        return data.nextFlat();
    }

    @Override
    void upserted(String id, float[] v, Map<String, String> attributes) {
        reference.upsert(id, v, attributes);
    }

    @Override
    void deleted(String id) {
        reference.delete(id);
    }

    @Override
    boolean holds(String id) {
        return reference.attrs.containsKey(id);
    }

    @Override
    void assertInitial(List<PartialResult> initial, float[] sv) {
        initial.forEach(p -> assertExact(p, sv, SUBSCRIPTION_K, X));
    }

    @Override
    void assertKnn(PartialResult p, float[] q, int k) {
        reference.assertAnswersLikeTheReference(p, q, k, 300, null, null);
        assertExact(p, q, k, Map.of());
    }

    @Override
    void assertExact(PartialResult p, float[] q, int k, Map<String, String> filter) {
        reference.assertExact(p, q, k, filter);
    }
}
