package org.vectorindex.state.multivector;

import org.apache.flink.annotation.Internal;

/**
 * Reduces a document's token vectors to at most {@code m} vectors at ingest, so storage per
 * document is constant ({@code m × dim}) and reranking costs at most {@code nq · m · dim}
 * multiply-adds per candidate. Implementations are deterministic: the same input gives the same
 * output, bit for bit, which keeps FDEs and graphs reproducible after a restore.
 */
@Internal
public interface TokenPooler {

    /**
     * Pools {@code n} unit-length tokens (flat, row-major) to at most {@code m} unit-length
     * vectors. When {@code n <= m} the input is returned unchanged (as a copy).
     */
    float[] pool(float[] tokens, int n, int dim, int m);

    /**
     * The shared start of {@link #pool}: rejects {@code m < 1}, and returns a copy of the tokens
     * when there are at most {@code m} of them, else null (pooling is needed).
     */
    static float[] copyIfFew(float[] tokens, int n, int dim, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("m must be at least 1, got " + m);
        }
        return n <= m ? java.util.Arrays.copyOf(tokens, n * dim) : null;
    }

    /** Number of vectors in a flat array. */
    static int count(float[] flat, int dim) {
        return flat.length / dim;
    }

    /**
     * Writes the normalised mean of each cluster; {@code clusterOf[i]} in {@code [0, k)}. A mean of
     * (near) zero length, from opposite tokens, falls back to the cluster's first member so the
     * output is always a unit vector.
     */
    static float[] normalisedMeans(float[] tokens, int n, int dim, int[] clusterOf, int k) {
        double[] sums = new double[k * dim];
        int[] first = new int[k];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < n; i++) {
            int c = clusterOf[i];
            if (first[c] < 0) {
                first[c] = i;
            }
            int so = c * dim;
            int to = i * dim;
            for (int j = 0; j < dim; j++) {
                sums[so + j] += tokens[to + j];
            }
        }
        float[] out = new float[k * dim];
        for (int c = 0; c < k; c++) {
            int so = c * dim;
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                norm += sums[so + j] * sums[so + j];
            }
            if (norm < 1e-12) {
                System.arraycopy(tokens, first[c] * dim, out, so, dim);
                continue;
            }
            double inv = 1.0 / Math.sqrt(norm);
            for (int j = 0; j < dim; j++) {
                out[so + j] = (float) (sums[so + j] * inv);
            }
        }
        return out;
    }
}
