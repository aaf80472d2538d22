package org.vectorindex.state.testing;

import java.util.SplittableRandom;

/**
 * Seeded Gaussian-mixture vectors: points scattered around random centres, the shape of real
 * embeddings where uniform noise is not. Shared by tests of every module (state test-jar).
 */
public final class ClusteredData {
    private ClusteredData() {}

    /** {@code n} vectors of {@code dim} drawn around {@code clusters} centres. */
    public static float[][] generate(int n, int dim, int clusters, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int i = 0; i < dim; i++) {
                c[i] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        float[][] points = new float[n][dim];
        for (int p = 0; p < n; p++) {
            float[] c = centres[random.nextInt(clusters)];
            double spread = 0.15 + 0.15 * random.nextDouble();
            for (int i = 0; i < dim; i++) {
                points[p][i] = (float) (c[i] + spread * gaussian(random));
            }
        }
        return points;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
