package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.ExactShardIndex;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

class ShardSubscriptionsTest {
    private static final int DIM = 8;

    private static HnswConfig config(Metric metric) {
        return HnswConfig.builder().dimension(DIM).metric(metric).build();
    }

    private static SubscriptionSpec spec(float[] v, int k, Map<String, String> filter, Metric m) {
        float[] c = v.clone();
        if (m.normalizes()) {
            VectorMath.normalizeInPlace(c);
        }
        return new SubscriptionSpec(c, k, 64, filter, 1);
    }

    /**
     * Random upserts, re-upserts (vector and attribute changes) and deletes on one shard with a
     * dozen subscriptions: after every mutation, every subscription's local top-k must equal brute
     * force, and the listener must have been told exactly about the ones whose list changed.
     */
    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyLocalTopKStaysExactAndEveryChangeIsReported(Metric metric) throws Exception {
        TestVectors data = new TestVectors(11 + metric.ordinal(), DIM, 5);
        Random random = data.random();
        Map<String, Map<String, String>> attributes = new HashMap<>();
        ExactShardIndex index = ExactShardIndex.inMemory(config(metric));
        ShardSubscriptions subs = new ShardSubscriptions(DIM, metric, attributes);
        Map<String, float[]> docs = new LinkedHashMap<>();

        List<String> subIds = new ArrayList<>();
        Map<String, float[]> subVectors = new HashMap<>();
        Map<String, Integer> subK = new HashMap<>();
        Map<String, Map<String, String>> subFilter = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String id = "s" + (char) ('a' + (i * 7) % 12); // not in sorted order of arrival
            float[] v = data.next();
            int k = 1 + random.nextInt(6);
            Map<String, String> filter =
                    i % 3 == 0 ? Map.of("lang", i % 2 == 0 ? "en" : "de") : Map.of();
            subs.subscribe(id, spec(v, k, filter, metric), index);
            subIds.add(id);
            subVectors.put(id, v);
            subK.put(id, k);
            subFilter.put(id, filter);
        }

        Map<String, Cause> reported = new HashMap<>();
        ShardSubscriptions.ChangeListener listener =
                (slot, cause, causeId) -> reported.put(subs.subscriptionId(slot), cause);
        Map<String, List<String>> previous = snapshot(subs, subIds);
        int changes = 0;
        for (int step = 0; step < 1500; step++) {
            reported.clear();
            String id = "d" + random.nextInt(40);
            if (random.nextInt(4) == 0 && docs.containsKey(id)) {
                assertTrue(index.delete(id));
                docs.remove(id);
                attributes.remove(id);
                subs.onDelete(id, index, listener);
            } else {
                float[] v = data.next();
                Map<String, String> attrs = Map.of("lang", random.nextBoolean() ? "en" : "de");
                index.upsert(id, v);
                docs.put(id, v);
                attributes.put(id, attrs);
                subs.onUpsert(id, index.vector(id), attrs, index, listener);
            }
            for (String s : subIds) {
                int slot = subs.slotOf(s);
                Truth.Ranked truth =
                        Truth.topK(
                                docs,
                                attributes,
                                subVectors.get(s),
                                subK.get(s),
                                metric,
                                subFilter.get(s));
                String[] ids = subs.ids(slot);
                assertEquals(truth.ids(), List.of(ids), "step " + step + " subscription " + s);
                float[] scores = subs.externalScores(slot);
                for (int i = 0; i < scores.length; i++) {
                    assertEquals(
                            truth.scores().get(i), scores[i], 1e-5f * Math.abs(scores[i]) + 1e-6f);
                }
                boolean changed =
                        !previous.get(s).equals(List.of(ids))
                                || !previous.get(s + "#scores").equals(scoresOf(scores));
                assertEquals(
                        changed,
                        reported.containsKey(s),
                        "step " + step + " change report of " + s);
                changes += changed ? 1 : 0;
            }
            previous = snapshot(subs, subIds);
        }
        assertTrue(changes > 100, "the test should exercise many changes, saw " + changes);
    }

    private static Map<String, List<String>> snapshot(
            ShardSubscriptions subs, List<String> subIds) {
        Map<String, List<String>> m = new HashMap<>();
        for (String s : subIds) {
            int slot = subs.slotOf(s);
            m.put(s, List.of(subs.ids(slot)));
            m.put(s + "#scores", scoresOf(subs.externalScores(slot)));
        }
        return m;
    }

    private static List<String> scoresOf(float[] scores) {
        List<String> l = new ArrayList<>();
        for (float f : scores) {
            l.add(Integer.toHexString(Float.floatToIntBits(f)));
        }
        return l;
    }

    @Test
    void restoreReproducesTheWorkingFormAndSlotsStaySortedById() throws Exception {
        Metric metric = Metric.L2;
        TestVectors data = new TestVectors(3, DIM, 3);
        Map<String, Map<String, String>> attributes = new HashMap<>();
        ExactShardIndex index = ExactShardIndex.inMemory(config(metric));
        for (int i = 0; i < 30; i++) {
            index.upsert("d" + i, data.next());
        }
        ShardSubscriptions subs = new ShardSubscriptions(DIM, metric, attributes);
        subs.subscribe("zeta", spec(data.next(), 3, Map.of(), metric), index);
        subs.subscribe("alpha", spec(data.next(), 4, Map.of(), metric), index);
        subs.subscribe("mid", spec(data.next(), 2, Map.of(), metric), index);
        assertEquals("alpha", subs.subscriptionId(0));
        assertEquals("mid", subs.subscriptionId(1));
        assertEquals("zeta", subs.subscriptionId(2));

        ShardSubscriptions restored = new ShardSubscriptions(DIM, metric, attributes);
        for (String s : new String[] {"mid", "zeta", "alpha"}) {
            int slot = subs.slotOf(s);
            restored.restore(s, subs.spec(slot), subs.topK(slot));
        }
        for (int slot = 0; slot < 3; slot++) {
            assertEquals(subs.subscriptionId(slot), restored.subscriptionId(slot));
            assertArrayEquals(subs.ids(slot), restored.ids(slot));
        }
        // Both react identically to the same mutation.
        float[] v = data.next();
        index.upsert("new", v);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        subs.onUpsert(
                "new",
                index.vector("new"),
                Map.of(),
                index,
                (s, c, id) -> a.add(subs.subscriptionId(s)));
        restored.onUpsert(
                "new",
                index.vector("new"),
                Map.of(),
                index,
                (s, c, id) -> b.add(restored.subscriptionId(s)));
        assertEquals(a, b);
        String victim = subs.ids(0)[0];
        index.delete(victim);
        a.clear();
        b.clear();
        subs.onDelete(victim, index, (s, c, id) -> a.add(subs.subscriptionId(s)));
        restored.onDelete(victim, index, (s, c, id) -> b.add(restored.subscriptionId(s)));
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        for (int slot = 0; slot < 3; slot++) {
            assertArrayEquals(subs.ids(slot), restored.ids(slot));
        }

        assertTrue(subs.unsubscribe("mid"));
        assertFalse(subs.unsubscribe("mid"));
        assertEquals(2, subs.count());
        assertEquals("zeta", subs.subscriptionId(1));
    }
}
