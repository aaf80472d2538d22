package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.IndexSubtasks;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;

/**
 * Rescaling the index operator from one subtask to two: documents tagged x or y and a subscription
 * to the x ones on one subtask, a snapshot, then two subtasks restored from it answer a query and
 * carry the subscription on through more upserts and deletes. A subclass holds the collection and
 * the test's own copy of its documents, and checks each partial against it.
 */
abstract class RescaleScenario {
    static final int SHARDS = 8;
    static final int SUBSCRIPTION_K = 3;
    static final Map<String, String> X = Map.of("tag", "x");

    private final String collection;

    RescaleScenario(String collection) {
        this.collection = collection;
    }

    abstract ShardIndexFunction function();

    /** The next document or query vector. */
    abstract float[] next();

    /** The test's copy of the documents takes the upsert. */
    abstract void upserted(String id, float[] v, Map<String, String> attributes);

    abstract void deleted(String id);

    abstract boolean holds(String id);

    /** Checks a subscription partial. */
    abstract void assertExact(PartialResult p, float[] q, int k, Map<String, String> filter);

    /** Checks a one-shot partial. */
    abstract void assertKnn(PartialResult p, float[] q, int k);

    /** Checks the subscription's first partials, one per shard; by default not at all. */
    void assertInitial(List<PartialResult> initial, float[] sv) {}

    /**
     * Loads {@code loaded} documents, subscribes, scales out, asks a {@code knnK} query, then runs
     * {@code churn} mutations over ids below {@code idSpace}.
     */
    void run(Backend backend, int loaded, int knnK, int churn, int idSpace) throws Exception {
        Loaded before = load(backend, loaded);
        try (var two = IndexSubtasks.scaledOut(before.snapshot(), 2, this::function, backend)) {
            int[] perSubtask = new int[2];
            for (int s = 0; s < SHARDS; s++) {
                perSubtask[IndexSubtasks.subtaskOf(ShardKey.of(collection, s), 2)]++;
            }
            assertTrue(perSubtask[0] > 0 && perSubtask[1] > 0, "both subtasks own shards");

            float[] q = next();
            ShardQuery knn = ShardQuery.knn("q", collection, q, knnK, 0, Map.of(), 0);
            for (PartialResult p : two.request(knn, SHARDS)) {
                assertKnn(p, q, knnK);
            }
            int changes = 0;
            for (int i = 0; i < churn; i++) {
                String id = "d" + (i * 7 % idSpace);
                List<PartialResult> out;
                if (i % 5 == 0 && holds(id)) {
                    deleted(id);
                    out = two.mutate(ShardMutation.delete(collection, SHARDS, id));
                } else {
                    out = upsert(two, id, next(), i % 3 == 0 ? "x" : "y");
                }
                for (PartialResult p : out) {
                    assertEquals("s", p.requestId());
                    assertExact(p, before.subscription(), SUBSCRIPTION_K, X);
                    changes++;
                }
            }
            assertTrue(
                    changes > 10,
                    "the subscription should change on both subtasks, saw " + changes);
        }
    }

    /** The one subtask's snapshot, and the subscription's query vector. */
    private record Loaded(OperatorSubtaskState snapshot, float[] subscription) {}

    private Loaded load(Backend backend, int loaded) throws Exception {
        try (var one = IndexSubtasks.one(function(), backend)) {
            for (int i = 0; i < loaded; i++) {
                upsert(one, "d" + i, next(), i % 2 == 0 ? "x" : "y");
            }
            float[] sv = next();
            List<PartialResult> initial =
                    one.request(
                            ShardQuery.subscribe("s", collection, sv, SUBSCRIPTION_K, 0, X, 0),
                            SHARDS);
            assertEquals(SHARDS, initial.size());
            assertInitial(initial, sv);
            return new Loaded(one.snapshotOfOne(), sv);
        }
    }

    private List<PartialResult> upsert(IndexSubtasks hs, String id, float[] v, String tag)
            throws Exception {
        upserted(id, v, Map.of("tag", tag));
        return hs.mutate(ShardMutation.upsert(collection, SHARDS, id, v, Map.of("tag", tag)));
    }
}
