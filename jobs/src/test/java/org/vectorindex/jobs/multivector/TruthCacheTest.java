package org.vectorindex.jobs.multivector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached truth equals brute force, and any change to the data invalidates it. */
class TruthCacheTest {
    private static final int DIM = 6;

    /** Token sets around 5 topic directions (clustered, seeded). */
    private static List<TokenCorpus.Doc> sets(String prefix, int n, long seed) {
        SplittableRandom topics = new SplittableRandom(7);
        float[][] centre = new float[5][DIM];
        for (float[] c : centre) {
            for (int j = 0; j < DIM; j++) {
                c[j] = (float) topics.nextGaussian();
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<TokenCorpus.Doc> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] t = new float[2 + rnd.nextInt(6)][DIM];
            for (int x = 0; x < t.length; x++) {
                float[] c = centre[(i + x) % centre.length];
                for (int j = 0; j < DIM; j++) {
                    t[x][j] = c[j] + 0.4f * (float) rnd.nextGaussian();
                }
            }
            out.add(new TokenCorpus.Doc(prefix + i, t));
        }
        return out;
    }

    @Test
    void servesTheSameTruthAndNeverStaleTruth(@TempDir Path dir) throws Exception {
        List<TokenCorpus.Doc> docs = sets("d", 80, 1);
        List<TokenCorpus.Doc> queries = sets("q", 6, 2);
        List<String> ids = new ArrayList<>();
        List<float[]> flat = new ArrayList<>();
        for (TokenCorpus.Doc d : docs) {
            ids.add(d.id());
            flat.add(ExactMaxSim.normalisedFlat(d.vectors(), DIM));
        }
        float[][] q = new float[queries.size()][];
        for (int i = 0; i < q.length; i++) {
            q[i] = ExactMaxSim.normalisedFlat(queries.get(i).vectors(), DIM);
        }
        int[][] direct = new TruthCache(null).topK("raw", ids, flat, queries, q, DIM, 5);
        for (int i = 0; i < q.length; i++) {
            assertArrayEquals(
                    ExactMaxSim.topK(q[i], queries.get(i).vectors().length, flat, DIM, 5),
                    direct[i]);
        }

        TruthCache cache = new TruthCache(dir);
        assertArrayEquals(direct, cache.topK("raw", ids, flat, queries, q, DIM, 5));
        assertFalse(cache.lastHit());
        assertArrayEquals(direct, cache.topK("raw", ids, flat, queries, q, DIM, 5));
        assertTrue(cache.lastHit());

        // Another k, or one changed vector bit, is a miss.
        cache.topK("raw", ids, flat, queries, q, DIM, 4);
        assertFalse(cache.lastHit());
        flat.get(3)[0] = Math.nextUp(flat.get(3)[0]);
        cache.topK("raw", ids, flat, queries, q, DIM, 5);
        assertFalse(cache.lastHit());
    }
}
