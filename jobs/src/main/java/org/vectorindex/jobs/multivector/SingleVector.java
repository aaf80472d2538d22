package org.vectorindex.jobs.multivector;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-vector baseline: each document and query becomes the normalised mean of its
 * (normalised) token vectors, ranked exactly by cosine, which is MaxSim with one token per side.
 */
final class SingleVector {
    private SingleVector() {}

    /** Top-{@code k} document positions per query, best first. */
    static int[][] topK(List<float[]> docs, float[][] queries, int dim, int k) {
        List<float[]> docMeans = new ArrayList<>(docs.size());
        for (float[] d : docs) {
            docMeans.add(mean(d, dim));
        }
        int[][] out = new int[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            out[i] = ExactMaxSim.topK(mean(queries[i], dim), 1, docMeans, dim, k);
        }
        return out;
    }

    /** Normalised mean of the row-major tokens in {@code flat}. */
    static float[] mean(float[] flat, int dim) {
        float[] m = new float[dim];
        for (int off = 0; off < flat.length; off += dim) {
            for (int j = 0; j < dim; j++) {
                m[j] += flat[off + j];
            }
        }
        return ExactMaxSim.normalisedFlat(new float[][] {m}, dim);
    }
}
