package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.BruteForce;
import org.vectorindex.state.testing.ClusteredData;

/** The public contract of {@link HnswIndex}: operations by id, validation, filters. */
class HnswIndexTest {
    private static HnswIndex index(Metric metric, int dim) {
        return new HnswIndex(HnswConfig.builder().dimension(dim).metric(metric).build());
    }

    @Test
    void upsertReplacesAndDeleteRemoves() {
        HnswIndex index = index(Metric.L2, 2);
        index.upsert("a", new float[] {0, 0});
        index.upsert("b", new float[] {5, 5});
        assertEquals("a", index.search(new float[] {0.1f, 0}, 1).get(0).id());
        index.upsert("a", new float[] {10, 10});
        assertEquals(2, index.size());
        assertEquals("b", index.search(new float[] {0.1f, 0}, 1).get(0).id());
        assertArrayEquals(new float[] {10, 10}, index.vector("a"));
        assertTrue(index.delete("b"));
        assertFalse(index.delete("b"));
        assertFalse(index.contains("b"));
        assertNull(index.vector("b"));
        assertEquals(
                List.of("a"),
                index.search(new float[] {0, 0}, 5).stream().map(SearchHit::id).toList());
        assertTrue(index.delete("a"));
        assertTrue(index.search(new float[] {0, 0}, 5).isEmpty());
        index.upsert("c", new float[] {1, 1});
        assertEquals("c", index.search(new float[] {0, 0}, 5).get(0).id());
    }

    @Test
    void scoresAreReportedBestFirstPerMetric() {
        HnswIndex l2 = index(Metric.L2, 2);
        l2.upsert("near", new float[] {1, 0});
        l2.upsert("far", new float[] {3, 0});
        List<SearchHit> hits = l2.search(new float[] {0, 0}, 2);
        assertEquals(0.5f, hits.get(0).score(), 1e-6, "1 / (1 + d²)");
        assertEquals(0.1f, hits.get(1).score(), 1e-6);
        HnswIndex cos = index(Metric.COSINE, 2);
        cos.upsert("x", new float[] {10, 0});
        cos.upsert("y", new float[] {0, 3});
        assertEquals(1f, cos.search(new float[] {2, 0}, 1).get(0).score(), 1e-6);
        HnswIndex dot = index(Metric.DOT, 2);
        dot.upsert("x", new float[] {2, 0});
        assertEquals(6f, dot.search(new float[] {3, 1}, 1).get(0).score(), 1e-6);
    }

    @Test
    void invalidVectorsAreRejectedWithTheReason() {
        HnswIndex index = index(Metric.COSINE, 3);
        assertMessage("wrong dimension", () -> index.upsert("a", new float[] {1, 2}));
        assertMessage("NaN", () -> index.upsert("a", new float[] {1, Float.NaN, 2}));
        assertMessage(
                "infinite", () -> index.upsert("a", new float[] {Float.POSITIVE_INFINITY, 1, 2}));
        assertMessage("zero vector", () -> index.upsert("a", new float[] {0, 0, 0}));
        assertMessage("id is missing", () -> index.upsert("", new float[] {1, 0, 0}));
        assertMessage("wrong dimension", () -> index.search(new float[] {1}, 3));
        assertMessage("k must be", () -> index.search(new float[] {1, 0, 0}, 0));
        assertEquals(0, index.size());
        index(Metric.L2, 3).upsert("zero-ok-under-l2", new float[] {0, 0, 0});
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertMessage("dimension is not set", () -> HnswConfig.builder().metric(Metric.L2).build());
        assertMessage("metric is not set", () -> HnswConfig.builder().dimension(3).build());
        assertMessage(
                "m must be",
                () -> HnswConfig.builder().dimension(3).metric(Metric.L2).m(1).build());
    }

    @Test
    void filteredSearchReturnsKHitsEvenWhenTheFilterIsSelective() {
        int n = 3000;
        float[][] base = ClusteredData.generate(n, 16, 10, 9);
        HnswIndex index = index(Metric.L2, 16);
        for (int i = 0; i < n; i++) {
            index.upsert(Integer.toString(i), base[i]);
        }
        for (int modulus : new int[] {2, 10, 100, 1000}) {
            boolean[] accepted = new boolean[n];
            for (int i = 0; i < n; i++) {
                accepted[i] = i % modulus == 0;
            }
            float[] query = base[17];
            int[] truth = BruteForce.topK(base, accepted, query, 10, Metric.L2);
            List<SearchHit> hits =
                    index.searchAccepting(query, 10, 64, id -> Integer.parseInt(id) % modulus == 0);
            assertEquals(Math.min(10, n / modulus), hits.size(), "hits for 1/" + modulus);
            for (SearchHit hit : hits) {
                assertEquals(0, Integer.parseInt(hit.id()) % modulus, "filter violated");
            }
            assertTrue(
                    BruteForce.recall(truth, HnswRecallTest.ids(hits)) >= 0.9,
                    "recall under a 1/" + modulus + " filter");
        }
        assertTrue(index.searchAccepting(base[0], 10, 64, id -> false).isEmpty());
    }

    @Test
    void exactSearchMatchesBruteForce() {
        float[][] base = ClusteredData.generate(500, 8, 5, 2);
        HnswIndex index = index(Metric.DOT, 8);
        for (int i = 0; i < base.length; i++) {
            index.upsert(Integer.toString(i), base[i]);
        }
        int[] truth = BruteForce.topK(base, null, base[3], 7, Metric.DOT);
        assertArrayEquals(truth, HnswRecallTest.ids(index.exactSearch(base[3], 7)));
    }

    @Test
    void lastSearchScoredCountsTheDistanceComputations() {
        float[][] base = ClusteredData.generate(2000, 8, 5, 3);
        HnswIndex index = index(Metric.L2, 8);
        for (int i = 0; i < base.length; i++) {
            index.upsert(Integer.toString(i), base[i]);
        }
        index.search(base[0], 10, 32);
        long walk = index.lastSearchScored();
        assertTrue(walk > 32 && walk < 2000, "graph walk scored " + walk);
        index.exactSearchAccepting(base[0], 10, id -> id.length() < 4);
        assertEquals(1000, index.lastSearchScored(), "exact search scores each accepted vector");
    }

    @Test
    void memoryEstimateGrowsWithTheData() {
        HnswIndex index = index(Metric.L2, 64);
        long empty = index.memoryBytes();
        float[][] base = ClusteredData.generate(1000, 64, 4, 1);
        for (int i = 0; i < base.length; i++) {
            index.upsert("v" + i, base[i]);
        }
        assertTrue(index.memoryBytes() - empty >= 1000L * 64 * 4, "at least the raw vectors");
    }

    private static void assertMessage(
            String fragment, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
