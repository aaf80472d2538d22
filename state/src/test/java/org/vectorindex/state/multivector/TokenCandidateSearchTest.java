package org.vectorindex.state.multivector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.StoredEncoding;

class TokenCandidateSearchTest {
    private static final int DIM = 32;

    private static MultiVectorConfig config(StoredEncoding encoding, int depth) {
        return MultiVectorIndexTest.config(CandidateSearch.TOKENS)
                .pooledTokens(512)
                .storedEncoding(encoding)
                .tokenDepth(depth)
                .build();
    }

    /** Exact top-k by MaxSim over the index's own stored vectors, with their exact scores. */
    private static List<SearchHit> exact(MultiVectorIndex index, float[][] q, int k) {
        float[] qf = MultiVectorIndexTest.normalisedFlat(q);
        TopHits top = new TopHits(k);
        for (String id : index.ids()) {
            float[] d = index.pooledFlat(id);
            top.offer(id, MaxSim.score(qf, q.length, d, d.length / DIM, DIM));
        }
        return top.hits();
    }

    @ParameterizedTest
    @EnumSource(StoredEncoding.class)
    void exhaustiveDepthGivesExactMaxSimThroughUpsertsAndDeletes(StoredEncoding encoding) {
        MultiVectorIndexTest.Clustered data = new MultiVectorIndexTest.Clustered(5);
        MultiVectorIndex index = new MultiVectorIndex(config(encoding, 1_000_000));
        Map<String, float[][]> live = new LinkedHashMap<>();
        for (int d = 0; d < 300; d++) {
            float[][] tokens = data.set(2, 3, 8);
            index.upsert("d" + d, tokens);
            live.put("d" + d, tokens);
        }
        for (int d = 0; d < 300; d += 3) {
            assertTrue(index.delete("d" + d));
            live.remove("d" + d);
        }
        for (int d = 1; d < 300; d += 6) {
            index.upsert("d" + d, data.set(2, 3, 8)); // re-upsert with new tokens
        }
        assertEquals(live.size(), index.size());
        for (int qi = 0; qi < 20; qi++) {
            float[][] q = data.set(2, 2, 3);
            MultiVectorSearchResult r = index.search(q, 10, 1000, null);
            assertEquals(exact(index, q, 10), r.hits(), "query " + qi);
            for (SearchHit h : r.hits()) {
                assertTrue(live.containsKey(h.id()), "deleted " + h.id() + " returned");
            }
            assertTrue(r.candidateMultiplyAdds() > 0);
        }
    }

    /**
     * Contextual-style token sets: every token mixes one of 40 topics with its document's own
     * direction, so tokens of different documents differ as contextual (MiniLM) tokens do; a query
     * is four perturbed tokens of one document.
     */
    private static float[][] contextualDoc(SplittableRandom rnd, float[][] topics) {
        float[] own = gaussian(rnd, 0.8f);
        int n = 5 + rnd.nextInt(11);
        float[][] tokens = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] topic = topics[rnd.nextInt(topics.length)];
            float[] noise = gaussian(rnd, 0.5f);
            tokens[i] = new float[DIM];
            for (int j = 0; j < DIM; j++) {
                tokens[i][j] = topic[j] + own[j] + noise[j];
            }
        }
        return tokens;
    }

    private static float[] gaussian(SplittableRandom rnd, float scale) {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = scale * (float) FdeEncoder.gaussian(rnd);
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(StoredEncoding.class)
    void recallAgainstExactMaxSimAtModerateDepth(StoredEncoding encoding) {
        SplittableRandom rnd = new SplittableRandom(21);
        float[][] topics = new float[40][];
        for (int t = 0; t < topics.length; t++) {
            topics[t] = gaussian(rnd, 1f);
        }
        MultiVectorIndex index = new MultiVectorIndex(config(encoding, 200));
        List<float[][]> docs = new ArrayList<>();
        for (int d = 0; d < 1500; d++) {
            docs.add(contextualDoc(rnd, topics));
            index.upsert("d" + d, docs.get(d));
        }
        double recall = 0;
        int queries = 30;
        for (int qi = 0; qi < queries; qi++) {
            float[][] source = docs.get(rnd.nextInt(docs.size()));
            float[][] q = new float[4][];
            for (int i = 0; i < q.length; i++) {
                float[] noise = gaussian(rnd, 0.3f);
                q[i] = source[rnd.nextInt(source.length)].clone();
                for (int j = 0; j < DIM; j++) {
                    q[i][j] += noise[j];
                }
            }
            Set<String> truth = new HashSet<>();
            exact(index, q, 10).forEach(h -> truth.add(h.id()));
            MultiVectorSearchResult r = index.search(q, 10, 50, null);
            assertTrue(r.candidates() <= 50, "reranked " + r.candidates());
            int found = 0;
            for (SearchHit h : r.hits()) {
                found += truth.contains(h.id()) ? 1 : 0;
            }
            recall += found / 10.0;
        }
        recall /= queries;
        System.out.printf("TOKENS %s depth 200, k'=50: recall@10 %.3f%n", encoding, recall);
        assertTrue(recall >= 0.9, "recall vs exact MaxSim " + recall);
    }

    @ParameterizedTest
    @EnumSource(StoredEncoding.class)
    void theGraphIsTheOnlyCopyOfTheStoredVectors(StoredEncoding encoding) {
        MultiVectorIndexTest.Clustered data = new MultiVectorIndexTest.Clustered(8);
        MultiVectorIndex index = new MultiVectorIndex(config(encoding, 32));
        for (int d = 0; d < 100; d++) {
            index.upsert("d" + d, data.set(2, 3, 8));
        }
        int bytesPerComponent = encoding == StoredEncoding.INT8 ? 1 : 4;
        assertEquals(index.pooledFloats() * bytesPerComponent, index.pooledBytes());
        assertNull(index.pooledCodes("d0"));
        assertNull(index.fde("d0"));
        assertNull(index.candidateGraph());
        assertEquals(0, index.fdeDimension());
    }

    @Test
    void sameOperationsSameDigest() {
        MultiVectorIndexTest.Clustered data = new MultiVectorIndexTest.Clustered(2);
        List<float[][]> docs = new ArrayList<>();
        for (int d = 0; d < 120; d++) {
            docs.add(data.set(2, 3, 8));
        }
        MultiVectorIndex a = new MultiVectorIndex(config(StoredEncoding.INT8, 64));
        MultiVectorIndex b = new MultiVectorIndex(config(StoredEncoding.INT8, 64));
        for (int d = 0; d < docs.size(); d++) {
            a.upsert("d" + d, docs.get(d));
            b.upsert("d" + d, docs.get(d));
        }
        assertEquals(a.digest(), b.digest());
        b.delete("d3");
        assertNotEquals(a.digest(), b.digest());
        assertFalse(b.contains("d3"));
    }

    @Test
    void keyedStateRestoreAndPruningAreRefusedWithReasons() {
        MultiVectorConfig config = config(StoredEncoding.INT8, 64);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> MultiVectorIndex.restore(config, null, Map.of(), null));
        assertTrue(e.getMessage().contains("TOKENS"), e.getMessage());
        IllegalArgumentException p =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                MultiVectorIndexTest.config(CandidateSearch.TOKENS)
                                        .pruning(
                                                new QueryPruning(
                                                        0.5, 0.5, PruningCriterion.DISTINCTIVENESS))
                                        .build());
        assertTrue(p.getMessage().contains("pruning"), p.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> MultiVectorIndexTest.config(CandidateSearch.TOKENS).tokenDepth(0).build());
    }
}
