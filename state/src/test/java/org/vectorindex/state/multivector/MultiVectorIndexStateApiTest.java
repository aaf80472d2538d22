package org.vectorindex.state.multivector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The members keyed state and the streaming layer rely on: flat upserts, filtered search, the
 * digest, change tracking, and restore from a durable image.
 */
class MultiVectorIndexStateApiTest {
    private static final int DIM = 32;
    private static final QueryPruning DISTINCT =
            new QueryPruning(0.5, 0.5, PruningCriterion.DISTINCTIVENESS);

    static List<float[][]> docs(int n, long seed) {
        MultiVectorIndexTest.Clustered data = new MultiVectorIndexTest.Clustered(seed);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(data.set(3, 2, 6));
        }
        return out;
    }

    /** An exact collection whose queries are pruned by distinctiveness. */
    static MultiVectorConfig.Builder exactAndPruned(FdeSource source) {
        return MultiVectorIndexTest.config(CandidateSearch.EXACT)
                .fdeSource(source)
                .pruning(DISTINCT);
    }

    /** An index of {@code config} holding {@code docs} as d0, d1, ... */
    static MultiVectorIndex filled(MultiVectorConfig config, List<float[][]> docs) {
        MultiVectorIndex index = new MultiVectorIndex(config);
        for (int i = 0; i < docs.size(); i++) {
            index.upsert("d" + i, docs.get(i));
        }
        return index;
    }

    static float[] flat(float[][] tokens) {
        float[] f = new float[tokens.length * DIM];
        for (int t = 0; t < tokens.length; t++) {
            System.arraycopy(tokens[t], 0, f, t * DIM, DIM);
        }
        return f;
    }

    @ParameterizedTest
    @EnumSource(CandidateSearch.class)
    void flatUpsertIsBitIdenticalToTheArrayForm(CandidateSearch search) {
        MultiVectorConfig config = MultiVectorIndexTest.config(search).build();
        MultiVectorIndex a = new MultiVectorIndex(config);
        MultiVectorIndex b = new MultiVectorIndex(config);
        List<float[][]> docs = docs(60, 5);
        for (int i = 0; i < docs.size(); i++) {
            a.upsert("d" + i, docs.get(i));
            float[] f = flat(docs.get(i));
            float[] before = f.clone();
            b.upsertFlat("d" + i, f);
            assertArrayEquals(before, f, "upsertFlat must not modify its input");
        }
        assertEquals(a.digest(), b.digest());
        for (int i = 0; i < docs.size(); i++) {
            float[] pooled = a.pooledFlat("d" + i);
            assertArrayEquals(pooled, b.pooledFlat("d" + i));
            assertArrayEquals(flat(a.pooled("d" + i)), pooled);
        }
        assertNull(a.pooledFlat("absent"));
        float[] copy = a.pooledFlat("d0");
        copy[0] = 7f;
        assertNotEquals(7f, a.pooledFlat("d0")[0], "pooledFlat must return a copy");
    }

    @Test
    void flatUpsertRejectsBadInputWithClearReasons() {
        MultiVectorIndex index =
                new MultiVectorIndex(MultiVectorIndexTest.config(CandidateSearch.EXACT).build());
        assertReason("not a whole number of tokens", () -> index.upsertFlat("a", new float[33]));
        assertReason("token list is empty", () -> index.upsertFlat("a", new float[0]));
        assertReason("token list is empty", () -> index.upsertFlat("a", null));
        float[] nan = new float[64];
        nan[0] = 1;
        nan[40] = Float.NaN;
        assertReason("token 1 component 8 is NaN", () -> index.upsertFlat("a", nan));
        float[] zero = new float[64];
        zero[0] = 1;
        assertReason("token 1 is a zero vector", () -> index.upsertFlat("a", zero));
        assertReason("too many tokens", () -> index.upsertFlat("a", new float[513 * DIM]));
        assertReason("document id is missing", () -> index.upsertFlat("", new float[DIM]));
        assertEquals(0, index.size());
    }

    private static void assertReason(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(CandidateSearch.class)
    void filteredSearchOnlyReturnsAcceptedDocuments(CandidateSearch search) {
        MultiVectorIndex index = new MultiVectorIndex(MultiVectorIndexTest.config(search).build());
        List<float[][]> docs = docs(200, 9);
        for (int i = 0; i < docs.size(); i++) {
            index.upsert("d" + i, docs.get(i));
        }
        Predicate<String> even = id -> Integer.parseInt(id.substring(1)) % 2 == 0;
        List<float[][]> queries = docs(10, 77);
        for (float[][] q : queries) {
            MultiVectorSearchResult all = index.search(q, 10, 40, null, null);
            MultiVectorSearchResult filtered = index.search(q, 10, 40, null, even);
            assertEquals(10, filtered.hits().size());
            assertEquals(40, filtered.candidates(), "all k' candidates must be eligible");
            for (SearchHit h : filtered.hits()) {
                assertTrue(even.test(h.id()), h.id() + " is not accepted by the filter");
            }
            assertEquals(all.hits(), index.search(q, 10, 40, null).hits());
            assertTrue(index.search(q, 10, 40, null, id -> false).hits().isEmpty());
        }
        // Under EXACT with k' = n the rerank sees every accepted document: exact filtered MaxSim.
        if (search == CandidateSearch.EXACT) {
            float[] q = MultiVectorIndexTest.normalisedFlat(queries.get(0));
            List<String> ids = new ArrayList<>();
            List<float[]> pooled = new ArrayList<>();
            for (int i = 0; i < docs.size(); i += 2) {
                ids.add("d" + i);
                pooled.add(index.pooledFlat("d" + i));
            }
            List<String> expected =
                    MultiVectorIndexTest.exactTop(q, queries.get(0).length, ids, pooled, 10);
            List<String> got = new ArrayList<>();
            index.search(queries.get(0), 10, 200, null, even).hits().forEach(h -> got.add(h.id()));
            assertEquals(expected, got);
        }
    }

    @Test
    void digestTracksEveryChange() {
        MultiVectorConfig config = MultiVectorIndexTest.config(CandidateSearch.HNSW).build();
        MultiVectorIndex a = new MultiVectorIndex(config);
        MultiVectorIndex b = new MultiVectorIndex(config);
        assertEquals(a.digest(), b.digest());
        List<float[][]> docs = docs(30, 3);
        for (int i = 0; i < 30; i++) {
            a.upsert("d" + i, docs.get(i));
            b.upsert("d" + i, docs.get(i));
        }
        long same = a.digest();
        assertEquals(same, b.digest());
        a.delete("d4");
        assertNotEquals(same, a.digest());
        b.upsert("d4", docs.get(5));
        assertNotEquals(same, b.digest());
        assertNotEquals(a.digest(), b.digest());
    }

    @Test
    void drainChangesHandsOverChangedIdsOnceInIdOrder() {
        MultiVectorIndex index =
                new MultiVectorIndex(MultiVectorIndexTest.config(CandidateSearch.HNSW).build());
        List<float[][]> docs = docs(5, 4);
        index.upsert("c", docs.get(0));
        index.upsert("a", docs.get(1));
        index.upsert("b", docs.get(2));
        List<String> seen = new ArrayList<>();
        index.drainChanges(seen::add);
        assertEquals(List.of("a", "b", "c"), seen);
        seen.clear();
        index.drainChanges(seen::add);
        assertTrue(seen.isEmpty());
        index.delete("b");
        index.delete("zz"); // absent: no change
        index.upsert("a", docs.get(3));
        index.drainChanges(seen::add);
        assertEquals(List.of("a", "b"), seen);
        assertFalse(index.contains("b"));
    }

    /**
     * The collection centroid is recomputed on restore rather than stored: this shows that summing
     * in another order gives the same bits, hence the same distinctiveness-pruned answers.
     */
    @ParameterizedTest
    @EnumSource(FdeSource.class)
    void exactCollectionRestoresInAnyOrderWithTheSameCentroid(FdeSource source) {
        MultiVectorConfig config = exactAndPruned(source).build();
        List<float[][]> docs = docs(120, 11);
        MultiVectorIndex original = filled(config, docs);
        for (int i = 0; i < docs.size(); i += 5) {
            original.delete("d" + i);
        }
        List<String> ids = new ArrayList<>(original.ids());
        Collections.sort(ids);
        Collections.shuffle(ids, new java.util.Random(13));
        Map<String, float[]> pooled = new LinkedHashMap<>();
        Map<String, float[]> fdes = new HashMap<>();
        for (String id : ids) {
            pooled.put(id, original.pooledFlat(id));
            fdes.put(id, original.fde(id));
        }
        MultiVectorIndex restored = MultiVectorIndex.restore(config, null, pooled, fdes);
        assertEquals(original.digest(), restored.digest());
        for (float[][] q : docs(15, 21)) {
            assertEquals(original.search(q, 10, 30).hits(), restored.search(q, 10, 30).hits());
        }
        List<String> seen = new ArrayList<>();
        restored.drainChanges(seen::add);
        assertTrue(seen.isEmpty(), "a restored image has nothing left to persist");
    }

    @Test
    void restoreRefusesPartsThatDoNotBelongTogether() {
        MultiVectorConfig exact = MultiVectorIndexTest.config(CandidateSearch.EXACT).build();
        MultiVectorConfig hnsw = MultiVectorIndexTest.config(CandidateSearch.HNSW).build();
        MultiVectorIndex original = new MultiVectorIndex(hnsw);
        original.upsert("a", docs(1, 1).get(0));
        Map<String, float[]> pooled = Map.of("a", original.pooledFlat("a"));
        assertThrows(
                IllegalStateException.class,
                () -> MultiVectorIndex.restore(exact, null, pooled, Map.of()));
        assertThrows(
                IllegalStateException.class,
                () -> MultiVectorIndex.restore(hnsw, null, pooled, null));
        assertThrows(
                IllegalStateException.class,
                () ->
                        MultiVectorIndex.restore(
                                hnsw, new MultiVectorIndex(hnsw).candidateGraph(), pooled, null));
        MultiVectorConfig otherSeed =
                MultiVectorIndexTest.config(CandidateSearch.HNSW).hnswSeed(99).build();
        assertThrows(
                IllegalStateException.class,
                () -> MultiVectorIndex.restore(otherSeed, original.candidateGraph(), pooled, null));
        MultiVectorIndex wrapped =
                MultiVectorIndex.restore(hnsw, original.candidateGraph(), pooled, null);
        assertEquals(original.digest(), wrapped.digest());
    }
}
