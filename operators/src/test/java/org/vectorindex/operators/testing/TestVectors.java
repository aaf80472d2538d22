package org.vectorindex.operators.testing;

import java.util.Random;

/** Seeded clustered vectors: Gaussian blobs around random centres, like real embeddings cluster. */
public final class TestVectors {
    private final Random random;
    private final float[][] centres;
    private final int dim;

    public TestVectors(long seed, int dim, int clusters) {
        this.random = new Random(seed);
        this.dim = dim;
        this.centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int i = 0; i < dim; i++) {
                c[i] = (float) (random.nextGaussian() * 4);
            }
        }
    }

    /** A point near a random centre. */
    public float[] next() {
        float[] c = centres[random.nextInt(centres.length)];
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = c[i] + (float) random.nextGaussian();
        }
        return v;
    }

    public Random random() {
        return random;
    }
}
