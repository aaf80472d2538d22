package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.testing.BruteForce;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Filters on ordinals: attribute postings kept up to date through inserts, replacements, deletes
 * and ordinal reuse, answered by a graph walk or an exact scan of the selected ordinals, and
 * checked against brute force over the records that carry the attributes.
 */
class AttributeFilterSearchTest {
    private static final int N = 4000;
    private static final int DIM = 16;
    private static final float[][] BASE = ClusteredData.generate(N + 500, DIM, 12, 5);

    /** 1% of the records have bucket "p1", 10% "p10" or "p1", half are "even". */
    private static Map<String, String> attributesOf(int i, int version) {
        int h = (int) (LevelAssigner.mix(i * 31L + version) >>> 33) % 100;
        Map<String, String> a = new HashMap<>();
        a.put("bucket", h < 1 ? "p1" : h < 10 ? "p10" : "rest");
        a.put("half", (i + version) % 2 == 0 ? "even" : "odd");
        a.put("title", "t" + i); // unique per record: a sparse posting each
        return a;
    }

    private static HnswIndex index() {
        return new HnswIndex(
                HnswConfig.builder()
                        .dimension(DIM)
                        .metric(Metric.L2)
                        .m(16)
                        .efConstruction(100)
                        .consolidateFraction(0.05)
                        .seed(11)
                        .build());
    }

    private static boolean matches(Map<String, String> attrs, Map<String, String> filter) {
        return attrs != null && attrs.entrySet().containsAll(filter.entrySet());
    }

    /** Mean recall@10 against brute force over the records present and matching, and no stray. */
    private static double recall(
            HnswIndex index,
            float[][] vectors,
            Map<Integer, Map<String, String>> attrs,
            Map<String, String> filter) {
        boolean[] accepted = new boolean[vectors.length];
        int count = 0;
        for (int i = 0; i < vectors.length; i++) {
            accepted[i] = vectors[i] != null && matches(attrs.get(i), filter);
            count += accepted[i] ? 1 : 0;
        }
        float[][] dense = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            dense[i] = vectors[i] != null ? vectors[i] : new float[DIM];
        }
        double sum = 0;
        int queries = 20;
        for (int qi = 0; qi < queries; qi++) {
            float[] q = BASE[N + qi];
            int[] truth = BruteForce.topK(dense, accepted, q, 10, Metric.L2);
            List<SearchHit> hits = index.search(q, 10, 64, AttributeFilter.compile(filter));
            assertEquals(Math.min(10, count), hits.size(), "hits under " + filter);
            for (SearchHit h : hits) {
                assertTrue(accepted[Integer.parseInt(h.id())], h.id() + " fails " + filter);
            }
            sum += truth.length == 0 ? 1 : BruteForce.recall(truth, HnswRecallTest.ids(hits));
        }
        return sum / queries;
    }

    @Test
    void filteredSearchMatchesBruteForceAtEverySelectivityThroughChurn() {
        HnswIndex index = index();
        float[][] vectors = new float[N][];
        Map<Integer, Map<String, String>> attrs = new HashMap<>();
        for (int i = 0; i < N; i++) {
            vectors[i] = BASE[i];
            attrs.put(i, attributesOf(i, 0));
            index.upsert(Integer.toString(i), vectors[i], attrs.get(i));
        }
        List<Map<String, String>> filters =
                List.of(
                        Map.of("bucket", "p1"),
                        Map.of("bucket", "p10"),
                        Map.of("half", "even"),
                        Map.of("half", "odd", "bucket", "rest"),
                        Map.of("title", "t17"));
        for (Map<String, String> f : filters) {
            assertTrue(recall(index, vectors, attrs, f) >= 0.95, "recall under " + f);
        }
        // churn: new attributes on the same vector, new vectors, deletes that free and reuse
        for (int i = 0; i < N; i += 3) {
            attrs.put(i, attributesOf(i, 1));
            index.upsert(Integer.toString(i), vectors[i], attrs.get(i));
        }
        for (int i = 1; i < N; i += 7) {
            vectors[i] = BASE[N + 100 + i % 400];
            attrs.put(i, attributesOf(i, 2));
            index.upsert(Integer.toString(i), vectors[i], attrs.get(i));
        }
        for (int i = 2; i < N; i += 5) {
            vectors[i] = null;
            index.delete(Integer.toString(i));
        }
        index.consolidate();
        for (int i = 2; i < N; i += 10) { // back on freed ordinals, with other attributes
            vectors[i] = BASE[i];
            attrs.put(i, attributesOf(i, 3));
            index.upsert(Integer.toString(i), vectors[i], attrs.get(i));
        }
        for (Map<String, String> f : filters) {
            assertTrue(recall(index, vectors, attrs, f) >= 0.95, "after churn, under " + f);
        }
        assertTrue(
                index.search(BASE[0], 10, 64, AttributeFilter.compile(Map.of("x", "y"))).isEmpty());
        assertTrue(
                index.search(BASE[0], 10, 64, AttributeFilter.compile(Map.of("title", "t7")))
                        .isEmpty(),
                "a deleted record's attributes are gone");
    }

    @Test
    void aSelectiveFilterScansOnlyItsOrdinalsAndABroadOneWalksTheGraph() {
        HnswIndex index = index();
        int rare = 0;
        for (int i = 0; i < N; i++) {
            Map<String, String> a = attributesOf(i, 0);
            rare += a.get("bucket").equals("p1") ? 1 : 0;
            index.upsert(Integer.toString(i), BASE[i], a);
        }
        AttributeFilter p1 = AttributeFilter.compile(Map.of("bucket", "p1"));
        List<SearchHit> hits = index.search(BASE[N], 10, 64, p1);
        assertEquals(rare, index.lastSearchScored(), "exact scan of the selected ordinals");
        assertEquals(index.exactSearch(BASE[N], 10, p1), hits);

        index.search(BASE[N], 10, 32, AttributeFilter.compile(Map.of("half", "even")));
        assertTrue(index.lastSearchScored() < N / 2, "walked " + index.lastSearchScored());
    }

    @Test
    void attributesSetAgainAfterARestoreGiveTheSameAnswers() {
        HnswIndex original = index();
        for (int i = 0; i < 1500; i++) {
            original.upsert(Integer.toString(i), BASE[i], attributesOf(i, 0));
        }
        HnswIndex restored = HnswDeterminismTest.restoredCopy(original);
        AttributeFilter f = AttributeFilter.compile(Map.of("bucket", "p10"));
        assertTrue(restored.search(BASE[N], 10, 64, f).isEmpty(), "the image holds no attributes");
        for (int i = 0; i < 1500; i++) {
            restored.setAttributes(Integer.toString(i), attributesOf(i, 0));
        }
        for (int q = 0; q < 10; q++) {
            assertEquals(
                    original.search(BASE[N + q], 10, 64, f),
                    restored.search(BASE[N + q], 10, 64, f));
        }
        assertThrows(
                IllegalArgumentException.class, () -> restored.setAttributes("nope", Map.of()));
    }

    @Test
    void anAttributeUniqueToEachRecordCostsAListEntryNotABitSet() {
        HnswIndex index = index();
        for (int i = 0; i < N; i++) {
            index.upsert(Integer.toString(i), BASE[i]);
        }
        long without = index.memoryBytes();
        for (int i = 0; i < N; i++) {
            index.setAttributes(Integer.toString(i), Map.of("title", "t" + i));
        }
        long perRecord = (index.memoryBytes() - without) / N;
        // per value: a map entry, a posting and its 4-int list; per ordinal: a one-posting holder
        assertTrue(perRecord < 140, perRecord + " bytes per record");
    }
}
