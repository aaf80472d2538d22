package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.operators.routing.CollectionLayout;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TokenSets;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * Rescaling the index operator from one subtask to two with a multi-vector collection: whole shards
 * move with their pooled vectors, FDE graph, attributes and subscriptions, and both new subtasks
 * answer exactly as a {@link MultiVectorIndex} fed the same records would, and keep the
 * subscription equal to the exact MaxSim top-k.
 */
class ShardIndexRescaleMultiVectorTest {
    private static final int SHARDS = 8;
    private static final int DIM = 6;
    private static final int K = 3;
    private static final Map<String, String> X = Map.of("tag", "x");
    private static final List<CollectionLayout> LAYOUTS =
            List.of(
                    CollectionLayout.multiVector(
                            "mv",
                            SHARDS,
                            DIM,
                            8,
                            40,
                            16,
                            3L,
                            new MultiVectorParams(3, 3, 2, 3, 0, 300, 16)));

    private final Map<Integer, MultiVectorIndex> reference = new HashMap<>();
    private final Map<String, Map<String, String>> attrs = new HashMap<>();

    private static ShardIndexFunction function() {
        return ShardIndexFunction.withHnsw(LAYOUTS);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void shardsMoveWholeAndCarryOnAfterScalingOut(Backend backend) throws Exception {
        for (int s = 0; s < SHARDS; s++) {
            reference.put(s, new MultiVectorIndex(LAYOUTS.get(0).multiVectorConfig()));
        }
        TokenSets data = new TokenSets(41, DIM, 5, 1, 9);
        var single = Harnesses.index(function(), backend, null);
        List<
                        KeyedTwoInputStreamOperatorTestHarness<
                                String, ShardMutation, ShardQuery, PartialResult>>
                one = List.of(single);
        for (int i = 0; i < 100; i++) {
            upsert(one, "d" + i, data.nextFlat(), i % 2 == 0 ? "x" : "y");
        }
        float[] sv = data.nextFlat();
        List<PartialResult> initial = request(one, ShardQuery.subscribe("s", "mv", sv, K, 0, X, 0));
        assertEquals(SHARDS, initial.size());
        initial.forEach(p -> assertExact(p, sv, K, X));
        OperatorSubtaskState snapshot = single.snapshot(1, 1);
        single.close();

        List<
                        KeyedTwoInputStreamOperatorTestHarness<
                                String, ShardMutation, ShardQuery, PartialResult>>
                two = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            two.add(
                    Harnesses.index(
                            function(),
                            backend,
                            AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                    snapshot, Harnesses.MAX_PARALLELISM, 1, 2, subtask),
                            2,
                            subtask));
        }
        int[] perSubtask = new int[2];
        for (int s = 0; s < SHARDS; s++) {
            perSubtask[subtaskOf(ShardKey.of("mv", s), 2)]++;
        }
        assertTrue(perSubtask[0] > 0 && perSubtask[1] > 0, "both subtasks own shards");

        float[] q = data.nextFlat();
        for (PartialResult p : request(two, ShardQuery.knn("q", "mv", q, 5, 0, Map.of(), 0))) {
            List<SearchHit> want =
                    reference
                            .get(p.shard())
                            .search(TokenSets.rows(q, DIM), 5, 300, null, null)
                            .hits();
            assertEquals(want.stream().map(SearchHit::id).toList(), List.of(p.ids()));
            float[] scores = new float[want.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = want.get(i).score();
            }
            assertArrayEquals(scores, p.scores());
            assertExact(p, q, 5, Map.of());
        }
        int changes = 0;
        for (int i = 0; i < 120; i++) {
            String id = "d" + (i * 7 % 130);
            List<PartialResult> out;
            if (i % 5 == 0 && attrs.containsKey(id)) {
                out = delete(two, id);
            } else {
                out = upsert(two, id, data.nextFlat(), i % 3 == 0 ? "x" : "y");
            }
            for (PartialResult p : out) {
                assertEquals("s", p.requestId());
                assertExact(p, sv, K, X);
                changes++;
            }
        }
        assertTrue(changes > 10, "the subscription should change on both subtasks, saw " + changes);
        for (var h : two) {
            h.close();
        }
    }

    private static int subtaskOf(String key, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                key, Harnesses.MAX_PARALLELISM, parallelism);
    }

    private List<PartialResult> upsert(
            List<
                            KeyedTwoInputStreamOperatorTestHarness<
                                    String, ShardMutation, ShardQuery, PartialResult>>
                    hs,
            String id,
            float[] v,
            String tag)
            throws Exception {
        attrs.put(id, Map.of("tag", tag));
        reference.get(ShardKey.shardOf(id, SHARDS)).upsertFlat(id, v);
        return mutate(hs, ShardMutation.upsert("mv", SHARDS, id, v, Map.of("tag", tag)));
    }

    private List<PartialResult> delete(
            List<
                            KeyedTwoInputStreamOperatorTestHarness<
                                    String, ShardMutation, ShardQuery, PartialResult>>
                    hs,
            String id)
            throws Exception {
        attrs.remove(id);
        reference.get(ShardKey.shardOf(id, SHARDS)).delete(id);
        return mutate(hs, ShardMutation.delete("mv", SHARDS, id));
    }

    private static List<PartialResult> mutate(
            List<
                            KeyedTwoInputStreamOperatorTestHarness<
                                    String, ShardMutation, ShardQuery, PartialResult>>
                    hs,
            ShardMutation m)
            throws Exception {
        var h = hs.get(subtaskOf(m.shardKey(), hs.size()));
        h.processElement1(new StreamRecord<>(m));
        return Harnesses.drain(h);
    }

    private static List<PartialResult> request(
            List<
                            KeyedTwoInputStreamOperatorTestHarness<
                                    String, ShardMutation, ShardQuery, PartialResult>>
                    hs,
            ShardQuery q)
            throws Exception {
        List<PartialResult> out = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            ShardQuery routed = q.toShard("mv", s, SHARDS);
            var h = hs.get(subtaskOf(routed.shardKey(), hs.size()));
            h.processElement2(new StreamRecord<>(routed));
            out.addAll(Harnesses.drain(h));
        }
        return out;
    }

    private void assertExact(PartialResult p, float[] q, int k, Map<String, String> filter) {
        MultiVectorIndex ref = reference.get(p.shard());
        Map<String, float[]> pooled = new TreeMap<>();
        for (String id : ref.ids()) {
            pooled.put(id, ref.pooledFlat(id));
        }
        Truth.Ranked truth = TokenSets.topK(pooled, attrs, q, k, DIM, filter);
        assertEquals(truth.ids(), List.of(p.ids()), p.requestId() + " shard " + p.shard());
        for (int i = 0; i < truth.scores().size(); i++) {
            assertEquals(truth.scores().get(i), p.scores()[i], p.requestId());
        }
    }
}
