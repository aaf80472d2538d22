package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.Harnesses.IndexHarness;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.TokenSets;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * The production index operator serving a multi-vector collection beside an HNSW one, in a keyed
 * harness: upserts and deletes of token sets, one-shot queries whose partials must equal a {@link
 * MultiVectorIndex} fed the same records in the same order, and a subscription whose every update
 * must equal the exact MaxSim top-k over the shard's pooled documents. The collection reranks more
 * candidates than a shard holds, so search is exact and the comparison needs no recall margin. Then
 * a snapshot, a restore into a fresh operator, and more of the same.
 */
class ShardIndexFunctionMultiVectorTest {
    private static final int DIM = 8;
    private static final int SHARDS = 2;
    private static final int K = 4;
    private static final Map<String, String> EN = Map.of("lang", "en");
    private CollectionSpec mv = multiVector(StoredEncoding.FLOAT32);

    private static CollectionSpec multiVector(StoredEncoding encoding) {
        return CollectionSpec.multiVector(
                "mv",
                SHARDS,
                DIM,
                8,
                40,
                16,
                7L,
                new MultiVectorParams(3, 4, 2, 4, 0, 500, 24, encoding));
    }

    static Stream<Arguments> backendsAndEncodings() {
        return Stream.of(Backend.values())
                .flatMap(b -> Stream.of(StoredEncoding.values()).map(e -> Arguments.of(b, e)));
    }

    private static final CollectionSpec PLAIN =
            CollectionSpec.of("c", 1, HnswConfig.builder().dimension(4).metric(Metric.L2).build());

    private MultiVectorReference reference;

    /** Per shard, the subscription's ids as last emitted. */
    private final Map<Integer, List<String>> lastUpdate = new HashMap<>();

    private final TokenSets data = new TokenSets(11, DIM, 6, 2, 12);

    private ShardIndexFunction newFunction() {
        return ShardIndexFunction.withHnsw(List.of(mv, PLAIN));
    }

    @ParameterizedTest
    @MethodSource("backendsAndEncodings")
    void answersLikeTheMultiVectorIndexSnapshotsRestoresAndCarriesOn(
            Backend backend, StoredEncoding encoding) throws Exception {
        mv = multiVector(encoding);
        reference = new MultiVectorReference(mv.multiVectorConfig(), SHARDS);
        var h = Harnesses.index(newFunction(), backend, null);
        for (int i = 0; i < 50; i++) {
            upsert(h, "d" + i, data.nextFlat(), i % 2 == 0 ? "en" : "de");
        }
        delete(h, "d3");
        delete(h, "d8");
        assertTrue(Harnesses.drain(h).isEmpty(), "no subscriptions yet, so no partials");
        assertTrue(rejections(h).isEmpty(), rejections(h).toString());

        // The HNSW collection in the same operator is unaffected.
        TestVectors plain = new TestVectors(3, 4, 3);
        Map<String, float[]> plainDocs = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            float[] v = plain.next();
            plainDocs.put("p" + i, v);
            h.processElement1(new StreamRecord<>(ShardMutation.upsert("c", 1, "p" + i, v, null)));
        }
        float[] pq = plain.next();
        h.processElement2(
                new StreamRecord<>(
                        ShardQuery.knn("pq", "c", pq, 3, 0, Map.of(), 0).toShard("c", 0, 1)));
        PartialResult plainHit = Harnesses.drain(h).get(0);
        assertEquals(
                Truth.topK(plainDocs, Map.of(), pq, 3, Metric.L2, Map.of()).ids(),
                List.of(plainHit.ids()));

        float[] q = data.nextFlat();
        checkKnn(h, "q1", q, 5, Map.of());
        checkKnn(h, "q2", q, 3, EN);

        float[] sv = data.nextFlat();
        fanOut(h, ShardQuery.subscribe("s1", "mv", sv, K, 0, EN, 0));
        List<PartialResult> initial = Harnesses.drain(h);
        assertEquals(SHARDS, initial.size());
        for (PartialResult p : initial) {
            assertEquals(Cause.SUBSCRIBE, p.cause());
            reference.assertExact(p, sv, K, EN);
            lastUpdate.put(p.shard(), List.of(p.ids()));
        }

        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var r = Harnesses.index(newFunction(), backend, snapshot);
        checkKnn(r, "q3", q, 5, Map.of());
        int updates = 0;
        for (int i = 50; i < 110; i++) {
            String id = "d" + (i % 70); // some re-upserts of existing ids
            upsert(r, id, data.nextFlat(), i % 3 == 0 ? "en" : "de");
            updates += checkSubscription(r, sv, Cause.UPSERT, id);
            if (i % 4 == 0) {
                String victim = "d" + (i / 2);
                if (reference.attrs.containsKey(victim)) {
                    delete(r, victim);
                    updates += checkSubscription(r, sv, Cause.DELETE, victim);
                }
            }
        }
        assertTrue(updates > 3, "expected the subscription to change a few times, saw " + updates);
        checkKnn(r, "q4", data.nextFlat(), 7, Map.of("lang", "de"));
        assertTrue(rejections(r).isEmpty(), rejections(r).toString());

        fanOut(r, ShardQuery.unsubscribe("s1", "mv", 0));
        List<PartialResult> closed = Harnesses.drain(r);
        assertEquals(SHARDS, closed.size());
        closed.forEach(p -> assertEquals(PartialResult.Kind.CLOSED, p.kind()));
        r.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rejectsBadTokenListsWithoutFailing(Backend backend) throws Exception {
        var h = Harnesses.index(newFunction(), backend, null);
        float[] zeroToken = data.nextFlat();
        java.util.Arrays.fill(zeroToken, 0, DIM, 0f);
        h.processElement1(
                new StreamRecord<>(ShardMutation.upsert("mv", SHARDS, "z", zeroToken, null)));
        fanOut(h, ShardQuery.knn("ragged", "mv", new float[DIM + 1], 3, 0, Map.of(), 0));
        fanOut(h, ShardQuery.knn("long", "mv", new float[25 * DIM], 3, 0, Map.of(), 0));
        float[] nan = data.nextFlat();
        nan[DIM + 1] = Float.NaN;
        fanOut(h, ShardQuery.subscribe("nan", "mv", nan, 3, 0, Map.of(), 0));
        List<ShardRejection> rejected = rejections(h);
        assertEquals(4, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).reason().contains("zero vector"), rejected.get(0).reason());
        assertTrue(rejected.get(1).reason().contains("dimension 8"), rejected.get(1).reason());
        assertTrue(rejected.get(2).reason().contains("too many tokens"), rejected.get(2).reason());
        assertTrue(rejected.get(3).reason().contains("NaN"), rejected.get(3).reason());
        assertTrue(Harnesses.drain(h).isEmpty());
        h.close();
    }

    // ---- helpers ----

    private void upsert(IndexHarness h, String id, float[] tokens, String lang) throws Exception {
        reference.upsert(id, tokens, Map.of("lang", lang));
        h.processElement1(
                new StreamRecord<>(
                        ShardMutation.upsert("mv", SHARDS, id, tokens, Map.of("lang", lang))));
    }

    private void delete(IndexHarness h, String id) throws Exception {
        reference.delete(id);
        h.processElement1(new StreamRecord<>(ShardMutation.delete("mv", SHARDS, id)));
    }

    private void fanOut(IndexHarness h, ShardQuery q) throws Exception {
        Harnesses.fanOut(h, q, List.of(mv));
    }

    private void checkKnn(
            IndexHarness h, String queryId, float[] q, int k, Map<String, String> filter)
            throws Exception {
        fanOut(h, ShardQuery.knn(queryId, "mv", q, k, 0, filter, 5L));
        List<PartialResult> partials = Harnesses.drain(h);
        assertEquals(SHARDS, partials.size());
        for (PartialResult p : partials) {
            assertEquals(PartialResult.Kind.ONE_SHOT, p.kind());
            reference.assertAnswersLikeTheReference(
                    p,
                    q,
                    k,
                    mv.multiVector().candidates(),
                    id -> reference.attrs.get(id).entrySet().containsAll(filter.entrySet()),
                    queryId);
            reference.assertExact(p, q, k, filter);
        }
    }

    /** Checks the partials one mutation produced; returns how many there were (0 or 1). */
    private int checkSubscription(IndexHarness h, float[] sv, Cause cause, String id)
            throws Exception {
        List<PartialResult> out = IndexChecks.partialsOfOneMutation(h, cause, id, SHARDS);
        for (PartialResult p : out) {
            reference.assertExact(p, sv, K, EN);
        }
        int shard = ShardKey.shardOf(id, SHARDS);
        if (out.isEmpty()) {
            // No update: then the shard's exact top-k did not change, so none was missed.
            assertEquals(
                    lastUpdate.get(shard),
                    reference.truth(shard, sv, K, EN).ids(),
                    "missed change after " + cause + " " + id);
        } else {
            lastUpdate.put(shard, List.of(out.get(0).ids()));
        }
        return out.size();
    }

    private static List<ShardRejection> rejections(IndexHarness h) {
        List<ShardRejection> out = new ArrayList<>();
        var side = h.getSideOutput(ShardIndexFunction.REJECTED);
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }
}
