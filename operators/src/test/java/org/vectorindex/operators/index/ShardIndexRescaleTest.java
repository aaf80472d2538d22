package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.operators.routing.CollectionLayout;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.IndexKind;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * Rescaling the index operator from one subtask to two: whole shards move with their index,
 * attributes and subscriptions, and both new subtasks carry on exactly.
 */
class ShardIndexRescaleTest {
    private static final int SHARDS = 8;
    private static final int DIM = 5;
    private static final Metric METRIC = Metric.DOT;
    private static final List<CollectionLayout> LAYOUTS =
            List.of(
                    CollectionLayout.of(
                            "c",
                            SHARDS,
                            HnswConfig.builder().dimension(DIM).metric(METRIC).build()));

    private final Map<String, float[]> docs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attrs = new HashMap<>();

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
        TestVectors data = new TestVectors(77, DIM, 4);
        var single = Harnesses.index(new ShardIndexFunction(LAYOUTS, kind.create()), backend, null);
        List<
                        KeyedTwoInputStreamOperatorTestHarness<
                                String, ShardMutation, ShardQuery, PartialResult>>
                one = List.of(single);
        for (int i = 0; i < 120; i++) {
            upsert(one, "d" + i, data.next(), i % 2 == 0 ? "x" : "y");
        }
        float[] sv = data.next();
        List<PartialResult> initial =
                request(one, ShardQuery.subscribe("s", "c", sv, 3, 0, Map.of("tag", "x"), 0));
        assertEquals(SHARDS, initial.size());
        OperatorSubtaskState snapshot = single.snapshot(1, 1);
        single.close();

        var two =
                List.of(
                        Harnesses.index(
                                new ShardIndexFunction(LAYOUTS, kind.create()),
                                backend,
                                AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                        snapshot, Harnesses.MAX_PARALLELISM, 1, 2, 0),
                                2,
                                0),
                        Harnesses.index(
                                new ShardIndexFunction(LAYOUTS, kind.create()),
                                backend,
                                AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                        snapshot, Harnesses.MAX_PARALLELISM, 1, 2, 1),
                                2,
                                1));
        int[] perSubtask = new int[2];
        for (int s = 0; s < SHARDS; s++) {
            perSubtask[subtaskOf(ShardKey.of("c", s), 2)]++;
        }
        assertTrue(perSubtask[0] > 0 && perSubtask[1] > 0, "both subtasks own shards");

        float[] q = data.next();
        for (PartialResult p : request(two, ShardQuery.knn("q", "c", q, 6, 0, Map.of(), 0))) {
            assertShardTruth(p, q, 6, Map.of());
        }
        int changes = 0;
        for (int i = 0; i < 150; i++) {
            String id = "d" + (i * 7 % 160);
            List<PartialResult> out;
            if (i % 5 == 0 && docs.containsKey(id)) {
                out = delete(two, id);
            } else {
                out = upsert(two, id, data.next(), i % 3 == 0 ? "x" : "y");
            }
            for (PartialResult p : out) {
                assertEquals("s", p.requestId());
                assertShardTruth(p, sv, 3, Map.of("tag", "x"));
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
        docs.put(id, v);
        attrs.put(id, Map.of("tag", tag));
        ShardMutation m = ShardMutation.upsert("c", SHARDS, id, v, Map.of("tag", tag));
        var h = hs.get(subtaskOf(m.shardKey(), hs.size()));
        h.processElement1(new StreamRecord<>(m));
        return Harnesses.drain(h);
    }

    private List<PartialResult> delete(
            List<
                            KeyedTwoInputStreamOperatorTestHarness<
                                    String, ShardMutation, ShardQuery, PartialResult>>
                    hs,
            String id)
            throws Exception {
        docs.remove(id);
        attrs.remove(id);
        ShardMutation m = ShardMutation.delete("c", SHARDS, id);
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
        List<PartialResult> out = new java.util.ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            ShardQuery routed = q.toShard("c", s, SHARDS);
            var h = hs.get(subtaskOf(routed.shardKey(), hs.size()));
            h.processElement2(new StreamRecord<>(routed));
            out.addAll(Harnesses.drain(h));
        }
        return out;
    }

    private void assertShardTruth(PartialResult p, float[] q, int k, Map<String, String> filter) {
        Map<String, float[]> shardDocs = new LinkedHashMap<>();
        docs.forEach(
                (id, v) -> {
                    if (ShardKey.shardOf(id, SHARDS) == p.shard()) {
                        shardDocs.put(id, v);
                    }
                });
        Truth.Ranked truth = Truth.topK(shardDocs, attrs, q, k, METRIC, filter);
        assertEquals(truth.ids(), List.of(p.ids()), "shard " + p.shard());
    }
}
