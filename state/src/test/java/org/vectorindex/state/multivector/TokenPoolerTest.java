package org.vectorindex.state.multivector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.state.math.VectorMath;

class TokenPoolerTest {
    private static final int DIM = 24;

    /** {@code clusters} well-separated directions, {@code perCluster} noisy unit tokens each. */
    static float[] clustered(SplittableRandom rnd, int clusters, int perCluster, float[] centres) {
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < DIM; j++) {
                centres[c * DIM + j] = (float) gaussian(rnd);
            }
            normalise(centres, c * DIM);
        }
        int n = clusters * perCluster;
        float[] tokens = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            int c = i % clusters; // interleaved, so clustering must not rely on order
            for (int j = 0; j < DIM; j++) {
                tokens[i * DIM + j] = centres[c * DIM + j] + 0.15f * (float) gaussian(rnd);
            }
            normalise(tokens, i * DIM);
        }
        return tokens;
    }

    static double gaussian(SplittableRandom rnd) {
        return FdeEncoder.gaussian(rnd);
    }

    static void normalise(float[] v, int off) {
        double s = 0;
        for (int j = 0; j < DIM; j++) {
            s += (double) v[off + j] * v[off + j];
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int j = 0; j < DIM; j++) {
            v[off + j] *= inv;
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingMethod.class)
    void keepsSmallDocumentsUnchanged(PoolingMethod method) {
        float[] centres = new float[3 * DIM];
        float[] tokens = clustered(new SplittableRandom(1), 3, 2, centres);
        float[] pooled = method.create().pool(tokens, 6, DIM, 6);
        assertArrayEquals(tokens, pooled);
        assertArrayEquals(tokens, method.create().pool(tokens, 6, DIM, 16));
    }

    @ParameterizedTest
    @EnumSource(PoolingMethod.class)
    void isDeterministic(PoolingMethod method) {
        float[] centres = new float[8 * DIM];
        float[] tokens = clustered(new SplittableRandom(2), 8, 20, centres);
        float[] a = method.create().pool(tokens, 160, DIM, 12);
        float[] b = method.create().pool(tokens.clone(), 160, DIM, 12);
        assertArrayEquals(a, b);
    }

    @ParameterizedTest
    @EnumSource(PoolingMethod.class)
    void recoversWellSeparatedClusters(PoolingMethod method) {
        int clusters = 6;
        float[] centres = new float[clusters * DIM];
        float[] tokens = clustered(new SplittableRandom(3), clusters, 15, centres);
        float[] pooled = method.create().pool(tokens, clusters * 15, DIM, clusters);
        assertEquals(clusters * DIM, pooled.length);
        boolean[] matched = new boolean[clusters];
        for (int p = 0; p < clusters; p++) {
            assertEquals(1.0, VectorMath.dot(pooled, p * DIM, pooled, p * DIM, DIM), 1e-4);
            int best = -1;
            float bestSim = -2;
            for (int c = 0; c < clusters; c++) {
                float s = VectorMath.dot(pooled, p * DIM, centres, c * DIM, DIM);
                if (s > bestSim) {
                    bestSim = s;
                    best = c;
                }
            }
            assertTrue(bestSim > 0.95f, "pooled vector " + p + " is far from every centre");
            matched[best] = true;
        }
        for (int c = 0; c < clusters; c++) {
            assertTrue(matched[c], "cluster " + c + " has no pooled vector");
        }
    }

    @ParameterizedTest
    @EnumSource(PoolingMethod.class)
    void poolsToAtMostM(PoolingMethod method) {
        float[] centres = new float[40 * DIM];
        float[] tokens = clustered(new SplittableRandom(4), 40, 3, centres);
        float[] pooled = method.create().pool(tokens, 120, DIM, 16);
        assertTrue(pooled.length <= 16 * DIM);
        if (method == PoolingMethod.WARD) {
            assertEquals(16 * DIM, pooled.length);
        }
    }
}
