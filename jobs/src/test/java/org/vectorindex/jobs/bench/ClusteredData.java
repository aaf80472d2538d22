package org.vectorindex.jobs.bench;

import java.util.Random;

/**
 * Seeded Gaussian clusters: the shape of real embedding data, unlike uniform random vectors, where
 * every neighbour is almost equally far and recall figures mean nothing.
 */
public final class ClusteredData {
    private ClusteredData() {}

    /** {@code n} vectors around {@code clusters} centres spread over [-10, 10]^dim. */
    public static float[][] generate(int n, int dim, int clusters, double spread, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) (random.nextDouble() * 20 - 10);
            }
        }
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(clusters)];
            for (int d = 0; d < dim; d++) {
                out[i][d] = (float) (c[d] + random.nextGaussian() * spread);
            }
        }
        return out;
    }

    /** Exact top-k by sorting every base vector: deliberately naive, independent of ExactSearch. */
    public static int[][] naiveTruth(
            float[][] base,
            float[][] queries,
            int k,
            java.util.function.ToDoubleBiFunction<float[], float[]> distance) {
        int[][] out = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            float[] query = queries[q];
            Integer[] ids = new Integer[base.length];
            double[] d = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                ids[i] = i;
                d[i] = distance.applyAsDouble(query, base[i]);
            }
            java.util.Arrays.sort(ids, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : a - b);
            out[q] = new int[k];
            for (int j = 0; j < k; j++) {
                out[q][j] = ids[j];
            }
        }
        return out;
    }

    public static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** 1 - cosine similarity, computed in double. */
    public static double cosineDistance(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return 1 - dot / Math.sqrt(na * nb);
    }

    public static double negativeDot(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return -dot;
    }
}
