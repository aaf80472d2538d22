package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorindex.operators.index.ShardIndexFunction;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.IndexKind;
import org.vectorindex.operators.testing.Pipeline;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * Continuous queries end to end through fan-out, index operator and merger: a seeded random
 * sequence of upserts, re-upserts and deletes over small shards (at most 80 ids, ef = 80, so HNSW
 * search is exact), with subscriptions opened and closed along the way and two restarts from
 * snapshots. After every mutation each open subscription must have received exactly one update if
 * its brute-force top-k changed (equal to it, version + 1, right entered/left and cause) and none
 * otherwise.
 */
class ContinuousQueryCorrectnessTest {
    static final int DIM = 6;
    static final int SHARDS = 4;
    static final int IDS = 80;
    static final int STEPS = 1200;

    static List<Arguments> cases() {
        return List.of(
                Arguments.of(Backend.HASHMAP, Metric.L2, IndexKind.EXACT),
                Arguments.of(Backend.HASHMAP, Metric.COSINE, IndexKind.EXACT),
                Arguments.of(Backend.ROCKSDB, Metric.DOT, IndexKind.EXACT));
    }

    static List<Arguments> hnswCases() {
        return List.of(
                Arguments.of(Backend.HASHMAP, Metric.L2, IndexKind.HNSW),
                Arguments.of(Backend.ROCKSDB, Metric.COSINE, IndexKind.HNSW));
    }

    /**
     * The same on the production HNSW index, where ef (80) is at least the shard size, so search
     * must be exact.
     */
    @ParameterizedTest
    @MethodSource("hnswCases")
    void onHnswEveryUpdateEqualsBruteForceAndNoChangeIsMissed(
            Backend backend, Metric metric, IndexKind kind) throws Exception {
        everyUpdateEqualsBruteForceAndNoChangeIsMissed(backend, metric, kind);
    }

    /** What a subscription is and what the client has seen so far. */
    static final class Client {
        final float[] vector;
        final int k;
        final Map<String, String> filter;
        long version;
        List<String> ids = List.of();
        List<Float> scores = List.of();

        Client(float[] vector, int k, Map<String, String> filter) {
            this.vector = vector;
            this.k = k;
            this.filter = filter;
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyUpdateEqualsBruteForceAndNoChangeIsMissed(
            Backend backend, Metric metric, IndexKind kind) throws Exception {
        HnswConfig config =
                HnswConfig.builder().dimension(DIM).metric(metric).defaultEf(IDS).build();
        List<CollectionSpec> collections = List.of(CollectionSpec.of("c", SHARDS, config));
        TestVectors data = new TestVectors(2024 + metric.ordinal(), DIM, 6);
        Random random = data.random();
        Map<String, float[]> docs = new LinkedHashMap<>();
        Map<String, Map<String, String>> attrs = new HashMap<>();
        TreeMap<String, Client> clients = new TreeMap<>();
        int updates = 0;
        int subscriptionsSeen = 0;

        try (Pipeline pipeline =
                new Pipeline(
                        collections,
                        () -> new ShardIndexFunction(collections, kind.create()),
                        backend)) {
            for (int step = 0; step < STEPS; step++) {
                if (step % 150 == 0) {
                    // open a subscription (k from 1 to 8, every third one filtered)
                    String sid = "sub" + subscriptionsSeen++;
                    Map<String, String> filter =
                            subscriptionsSeen % 3 == 0 ? Map.of("lang", "en") : Map.of();
                    Client c = new Client(data.next(), 1 + random.nextInt(8), filter);
                    clients.put(sid, c);
                    List<MergedResult> out =
                            pipeline.request(
                                    ShardQuery.subscribe(sid, "c", c.vector, c.k, 0, filter, step));
                    assertEquals(1, out.size(), "version 1 of " + sid);
                    check(sid, c, out.get(0), Cause.SUBSCRIBE, sid, docs, attrs, metric);
                }
                if (step == 700) {
                    String gone = clients.firstKey();
                    clients.remove(gone);
                    assertTrue(
                            pipeline.request(ShardQuery.unsubscribe(gone, null, step)).isEmpty());
                }
                if (step == 400 || step == 900) {
                    pipeline.restart(backend);
                }

                String id = "d" + random.nextInt(IDS);
                ShardMutation m;
                Cause cause;
                if (docs.containsKey(id) && random.nextInt(3) == 0) {
                    docs.remove(id);
                    attrs.remove(id);
                    m = ShardMutation.delete("c", SHARDS, id);
                    cause = Cause.DELETE;
                } else {
                    float[] v = data.next();
                    Map<String, String> a = Map.of("lang", random.nextInt(3) == 0 ? "de" : "en");
                    docs.put(id, v);
                    attrs.put(id, a);
                    m = ShardMutation.upsert("c", SHARDS, id, v, a);
                    cause = Cause.UPSERT;
                }
                List<MergedResult> out = pipeline.mutate(m);
                Map<String, MergedResult> bySub = new HashMap<>();
                for (MergedResult r : out) {
                    assertEquals(null, bySub.put(r.requestId(), r), "two updates for one mutation");
                }
                for (Map.Entry<String, Client> e : clients.entrySet()) {
                    Client c = e.getValue();
                    Truth.Ranked truth = Truth.topK(docs, attrs, c.vector, c.k, metric, c.filter);
                    boolean changed =
                            !truth.ids().equals(c.ids) || !truth.scores().equals(c.scores);
                    MergedResult r = bySub.remove(e.getKey());
                    assertEquals(
                            changed,
                            r != null,
                            "step "
                                    + step
                                    + " "
                                    + e.getKey()
                                    + ": change "
                                    + (changed ? "missed" : "invented")
                                    + " by "
                                    + m.op()
                                    + " "
                                    + id
                                    + "; seen "
                                    + c.ids
                                    + " "
                                    + c.scores
                                    + (r == null
                                            ? ""
                                            : "; got "
                                                    + List.of(r.ids())
                                                    + " "
                                                    + java.util.Arrays.toString(r.scores())));
                    if (r != null) {
                        check(e.getKey(), c, r, cause, id, docs, attrs, metric);
                        updates++;
                    }
                }
                assertTrue(bySub.isEmpty(), "updates for closed subscriptions: " + bySub.keySet());
            }
        }
        assertTrue(
                updates > 150,
                "the sequence should change the subscriptions often, saw " + updates);
    }

    private static void check(
            String sid,
            Client c,
            MergedResult r,
            Cause cause,
            String causeId,
            Map<String, float[]> docs,
            Map<String, Map<String, String>> attrs,
            Metric metric) {
        Truth.Ranked truth = Truth.topK(docs, attrs, c.vector, c.k, metric, c.filter);
        assertEquals(MergedResult.Kind.UPDATE, r.kind());
        assertEquals(sid, r.requestId());
        assertEquals(c.version + 1, r.version(), sid + " version");
        assertEquals(truth.ids(), List.of(r.ids()), sid + " version " + r.version());
        List<Float> scores = new ArrayList<>();
        for (float f : r.scores()) {
            scores.add(f);
        }
        assertEquals(truth.scores(), scores, sid + " scores");
        Set<String> before = new HashSet<>(c.ids);
        Set<String> after = new HashSet<>(truth.ids());
        assertArrayEquals(
                truth.ids().stream().filter(x -> !before.contains(x)).toArray(String[]::new),
                r.entered(),
                sid + " entered");
        assertArrayEquals(
                c.ids.stream().filter(x -> !after.contains(x)).toArray(String[]::new),
                r.left(),
                sid + " left");
        assertEquals(cause, r.cause());
        assertEquals(causeId, r.causeId());
        c.version = r.version();
        c.ids = truth.ids();
        c.scores = truth.scores();
    }
}
