package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.Harnesses.IndexHarness;
import org.vectorindex.operators.testing.IndexKind;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * The index operator in a keyed two-input harness: mutations, one-shot queries and a subscription,
 * then a snapshot, a restore into a fresh operator instance, and more of the same, checking every
 * partial against brute force over the shard's own documents.
 */
class ShardIndexFunctionTest {
    private static final int DIM = 4;
    private static final int SHARDS = 3;
    private static final Metric METRIC = Metric.L2;

    private final Map<String, float[]> docs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attrs = new HashMap<>();

    private static List<CollectionSpec> collections() {
        return List.of(
                CollectionSpec.of(
                        "c", SHARDS, HnswConfig.builder().dimension(DIM).metric(METRIC).build()),
                CollectionSpec.of(
                        "t", 1, HnswConfig.builder().dimension(3).metric(Metric.COSINE).build()));
    }

    static ShardIndexFunction newFunction(IndexKind kind) {
        return new ShardIndexFunction(collections(), kind.create());
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Backend b : Backend.values()) {
            for (IndexKind k : IndexKind.values()) {
                cases.add(Arguments.of(b, k));
            }
        }
        return cases;
    }

    /** Shards hold at most about 30 documents and the default ef is 64: HNSW search is exact. */
    @ParameterizedTest
    @MethodSource("cases")
    void processesSnapshotsRestoresIntoAFreshInstanceAndCarriesOn(Backend backend, IndexKind kind)
            throws Exception {
        TestVectors data = new TestVectors(5, DIM, 4);
        var h = Harnesses.index(newFunction(kind), backend, null);
        for (int i = 0; i < 40; i++) {
            upsert(h, "d" + i, data.next(), i % 2 == 0 ? "en" : "de");
        }
        assertTrue(Harnesses.drain(h).isEmpty(), "no subscriptions yet, so no partials");

        float[] q = data.next();
        checkKnn(h, "q1", q, 5, Map.of());
        checkKnn(h, "q2", q, 3, Map.of("lang", "en"));

        float[] sv = data.next();
        fanOut(h, ShardQuery.subscribe("s1", "c", sv, 4, 0, Map.of("lang", "en"), 0));
        List<PartialResult> initial = Harnesses.drain(h);
        assertEquals(SHARDS, initial.size());
        for (PartialResult p : initial) {
            assertEquals(PartialResult.Kind.CONTINUOUS, p.kind());
            assertEquals(Cause.SUBSCRIBE, p.cause());
            assertShardTruth(p, sv, 4, Map.of("lang", "en"));
        }

        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        // A fresh operator instance, restored: same answers, and the subscription carries on.
        var r = Harnesses.index(newFunction(kind), backend, snapshot);
        checkKnn(r, "q3", q, 5, Map.of());
        checkKnn(r, "q3en", q, 5, Map.of("lang", "en")); // attributes are back in the postings
        int updates = 0;
        for (int i = 40; i < 80; i++) {
            String id = "d" + (i % 55); // some re-upserts of existing ids
            upsert(r, id, data.next(), i % 3 == 0 ? "en" : "de");
            updates += checkSubscriptionPartials(r, sv, Cause.UPSERT, id);
            if (i % 4 == 0) {
                String victim = "d" + (i / 2);
                if (docs.containsKey(victim)) {
                    delete(r, victim);
                    updates += checkSubscriptionPartials(r, sv, Cause.DELETE, victim);
                }
            }
        }
        assertTrue(updates > 3, "expected the subscription to change a few times, saw " + updates);
        checkKnn(r, "q4", q, 7, Map.of("lang", "de"));

        fanOut(r, ShardQuery.unsubscribe("s1", null, 0));
        List<PartialResult> closed = Harnesses.drain(r);
        assertEquals(SHARDS, closed.size(), "one CLOSED per shard of c, none from t");
        closed.forEach(p -> assertEquals(PartialResult.Kind.CLOSED, p.kind()));
        upsert(r, "after", data.next(), "en");
        assertTrue(Harnesses.drain(r).isEmpty(), "no partials after unsubscribe");
        r.close();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badInputGoesToTheRejectionOutputAndNeverFailsTheOperator(Backend backend, IndexKind kind)
            throws Exception {
        var h = Harnesses.index(newFunction(kind), backend, null);
        h.processElement1(
                new StreamRecord<>(ShardMutation.upsert("c", SHARDS, "x", new float[3], Map.of())));
        h.processElement1(
                new StreamRecord<>(
                        ShardMutation.upsert(
                                "c", SHARDS, "y", new float[] {1, Float.NaN, 0, 0}, Map.of())));
        h.processElement1(
                new StreamRecord<>(ShardMutation.upsert("t", 1, "zero", new float[3], Map.of())));
        h.processElement1(
                new StreamRecord<>(ShardMutation.upsert("nope", 2, "z", new float[4], Map.of())));
        fanOut(h, ShardQuery.knn("bad-k", "c", new float[4], 0, 0, Map.of(), 0));
        fanOut(h, ShardQuery.knn("bad-dim", "c", new float[2], 3, 0, Map.of(), 0));
        List<ShardRejection> rejected = new ArrayList<>();
        h.getSideOutput(ShardIndexFunction.REJECTED).forEach(r -> rejected.add(r.getValue()));
        assertEquals(6, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).reason().contains("wrong dimension"), rejected.get(0).reason());
        assertTrue(rejected.get(1).reason().contains("NaN"), rejected.get(1).reason());
        assertTrue(rejected.get(2).reason().contains("zero vector"), rejected.get(2).reason());
        assertTrue(rejected.get(3).reason().contains("unknown collection"));
        assertEquals("bad-k", rejected.get(4).id());
        assertTrue(rejected.get(4).reason().contains("k must be in 1..1000"));
        assertEquals("knn", rejected.get(5).what());
        assertTrue(Harnesses.drain(h).isEmpty());
        h.close();
    }

    // ---- helpers ----

    private void upsert(IndexHarness h, String id, float[] v, String lang) throws Exception {
        docs.put(id, v);
        attrs.put(id, Map.of("lang", lang));
        h.processElement1(
                new StreamRecord<>(ShardMutation.upsert("c", SHARDS, id, v, Map.of("lang", lang))));
    }

    private void delete(IndexHarness h, String id) throws Exception {
        docs.remove(id);
        attrs.remove(id);
        h.processElement1(new StreamRecord<>(ShardMutation.delete("c", SHARDS, id)));
    }

    private static void fanOut(IndexHarness h, ShardQuery q) throws Exception {
        Harnesses.fanOut(h, q, collections());
    }

    private void checkKnn(
            IndexHarness h, String queryId, float[] q, int k, Map<String, String> filter)
            throws Exception {
        fanOut(h, ShardQuery.knn(queryId, "c", q, k, 0, filter, 42L));
        List<PartialResult> partials = Harnesses.drain(h);
        assertEquals(SHARDS, partials.size());
        for (PartialResult p : partials) {
            assertEquals(PartialResult.Kind.ONE_SHOT, p.kind());
            assertEquals(queryId, p.requestId());
            assertEquals(42L, p.ingestMillis());
            assertEquals(SHARDS, p.shardCount());
            assertShardTruth(p, q, k, filter);
        }
    }

    /** Checks the partials one mutation produced; returns how many there were (0 or 1). */
    private int checkSubscriptionPartials(IndexHarness h, float[] sv, Cause cause, String id)
            throws Exception {
        List<PartialResult> out = IndexChecks.partialsOfOneMutation(h, cause, id, SHARDS);
        for (PartialResult p : out) {
            assertShardTruth(p, sv, 4, Map.of("lang", "en"));
        }
        return out.size();
    }

    private void assertShardTruth(PartialResult p, float[] q, int k, Map<String, String> filter) {
        Truth.Ranked truth =
                Truth.topK(Truth.onShard(docs, p.shard(), SHARDS), attrs, q, k, METRIC, filter);
        assertEquals(truth.ids(), List.of(p.ids()), "shard " + p.shard() + " of " + p.requestId());
        for (int i = 0; i < p.scores().length; i++) {
            assertEquals(truth.scores().get(i), p.scores()[i], 1e-5f);
        }
    }
}
