package org.vectorindex.operators.testing;

import java.util.Map;
import java.util.SplittableRandom;
import org.vectorindex.operators.index.TokenRows;
import org.vectorindex.state.multivector.MaxSim;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Seeded multi-vector test data and its brute-force truth. Token sets are drawn from one clustered
 * pool ({@link ClusteredData}), so documents share topics as real token embeddings do; a set's size
 * varies between {@code minTokens} and {@code maxTokens}.
 */
public final class TokenSets {
    private final float[][] pool;
    private final SplittableRandom random;
    private final int dim;
    private final int minTokens;
    private final int maxTokens;

    public TokenSets(long seed, int dim, int clusters, int minTokens, int maxTokens) {
        this.pool = ClusteredData.generate(4000, dim, clusters, seed);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.dim = dim;
        this.minTokens = minTokens;
        this.maxTokens = maxTokens;
    }

    /** A token set: tokens drawn from the clustered pool, row-major. */
    public float[] nextFlat() {
        int n = minTokens + random.nextInt(maxTokens - minTokens + 1);
        float[] flat = new float[n * dim];
        for (int t = 0; t < n; t++) {
            System.arraycopy(pool[random.nextInt(pool.length)], 0, flat, t * dim, dim);
        }
        return flat;
    }

    /**
     * Exact top-k by MaxSim of {@code queryFlat} (normalised here, as the operator does) against
     * each document's pooled vectors, among ids whose attributes satisfy {@code filter}; score
     * descending, then id ascending.
     */
    public static Truth.Ranked topK(
            Map<String, float[]> pooled,
            Map<String, Map<String, String>> attrs,
            float[] queryFlat,
            int k,
            int dim,
            Map<String, String> filter) {
        float[] q = queryFlat.clone();
        TokenRows.normalizeInPlace(q, dim);
        return Truth.topK(
                pooled,
                attrs,
                filter,
                k,
                d -> MaxSim.score(q, q.length / dim, d, d.length / dim, dim),
                score -> score);
    }

    /** Rows of {@code flat} as separate arrays (the multi-vector index's row-wise query form). */
    public static float[][] rows(float[] flat, int dim) {
        int n = flat.length / dim;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
        }
        return out;
    }
}
