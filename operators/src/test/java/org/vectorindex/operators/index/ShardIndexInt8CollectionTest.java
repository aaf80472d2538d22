package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/**
 * A collection declared {@code storedEncoding: int8} in the collections file, served by the index
 * operator on its production HNSW state: it answers (recall against float brute force per shard),
 * snapshots, and a fresh operator restored from the snapshot answers with the same ids and score
 * bits, and carries on identically after more mutations.
 */
class ShardIndexInt8CollectionTest {
    private static final int SHARDS = 4;
    private static final int DIM = 16;
    private static final String FILE =
            "collections:\n"
                    + "  - {name: c, dimension: 16, metric: l2, shards: 4, m: 8, efConstruction:"
                    + " 64, storedEncoding: int8}\n";

    private final Map<String, float[]> docs = new LinkedHashMap<>();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anInt8CollectionAnswersSnapshotsAndRestores(Backend backend) throws Exception {
        List<CollectionSpec> collections = CollectionsFile.parse(FILE, false, "test").all();
        assertEquals(StoredEncoding.INT8, collections.get(0).vectorConfig().storedEncoding());
        TestVectors data = new TestVectors(31, DIM, 6);
        var original =
                Harnesses.index(
                        new ShardIndexFunction(collections, new HnswShardIndexStore()),
                        backend,
                        null);
        for (int i = 0; i < 400; i++) {
            upsert(original, "d" + i, data.next());
        }
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queries.add(data.next());
        }
        List<PartialResult> before = ask(original, queries);
        double found = 0;
        int quantizedScores = 0;
        for (int i = 0; i < before.size(); i++) {
            PartialResult p = before.get(i);
            Truth.Ranked truth =
                    Truth.topK(
                            shardDocs(p.shard()),
                            Map.of(),
                            queries.get(i / SHARDS),
                            10,
                            Metric.L2,
                            Map.of());
            Set<String> exact = new HashSet<>(truth.ids());
            for (int j = 0; j < p.ids().length; j++) {
                found += exact.contains(p.ids()[j]) ? 1 : 0;
                int t = truth.ids().indexOf(p.ids()[j]);
                if (t >= 0 && truth.scores().get(t) != p.scores()[j]) {
                    quantizedScores++;
                }
            }
        }
        double recall = found / (10.0 * before.size());
        assertTrue(recall >= 0.9, "recall@10 per shard against float brute force " + recall);
        assertTrue(quantizedScores > 0, "scores come from the INT8 codes, not the floats");

        OperatorSubtaskState snapshot = original.snapshot(1, 1);
        var restored =
                Harnesses.index(
                        new ShardIndexFunction(collections, new HnswShardIndexStore()),
                        backend,
                        snapshot);
        assertSameAnswers(before, ask(restored, queries));
        for (int i = 400; i < 500; i++) {
            float[] v = data.next();
            upsert(original, "d" + i, v);
            upsert(restored, "d" + i, v);
        }
        delete(original, "d3");
        delete(restored, "d3");
        assertSameAnswers(ask(original, queries), ask(restored, queries));
        original.close();
        restored.close();
    }

    private Map<String, float[]> shardDocs(int shard) {
        Map<String, float[]> out = new LinkedHashMap<>();
        docs.forEach(
                (id, v) -> {
                    if (ShardKey.shardOf(id, SHARDS) == shard) {
                        out.put(id, v);
                    }
                });
        return out;
    }

    private static void assertSameAnswers(List<PartialResult> a, List<PartialResult> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(List.of(a.get(i).ids()), List.of(b.get(i).ids()), "answer " + i);
            for (int j = 0; j < a.get(i).scores().length; j++) {
                assertEquals(
                        Float.floatToRawIntBits(a.get(i).scores()[j]),
                        Float.floatToRawIntBits(b.get(i).scores()[j]),
                        "score bits of answer " + i);
            }
        }
    }

    private void upsert(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            String id,
            float[] v)
            throws Exception {
        docs.put(id, v);
        h.processElement1(new StreamRecord<>(ShardMutation.upsert("c", SHARDS, id, v, Map.of())));
        Harnesses.drain(h);
    }

    private void delete(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            String id)
            throws Exception {
        docs.remove(id);
        h.processElement1(new StreamRecord<>(ShardMutation.delete("c", SHARDS, id)));
        Harnesses.drain(h);
    }

    /** Every query on every shard, in query then shard order. */
    private static List<PartialResult> ask(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            List<float[]> queries)
            throws Exception {
        List<PartialResult> out = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            ShardQuery knn = ShardQuery.knn("q" + q, "c", queries.get(q), 10, 0, Map.of(), 0);
            for (int s = 0; s < SHARDS; s++) {
                h.processElement2(new StreamRecord<>(knn.toShard("c", s, SHARDS)));
                out.addAll(Harnesses.drain(h));
            }
        }
        return out;
    }
}
