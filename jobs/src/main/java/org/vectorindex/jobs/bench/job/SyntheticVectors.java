package org.vectorindex.jobs.bench.job;

import java.util.Locale;
import java.util.Random;

/**
 * Seeded clustered vectors for cost runs at sizes no data file here has: {@code clusters} Gaussian
 * centroids (unit variance per component), and vector {@code n} is a centroid picked by a hash of
 * {@code n} plus Gaussian noise of a quarter of that spread. Vector {@code n} depends only on the
 * seed and {@code n}, so a million of them need no memory and every run sends the same ones.
 * Queries come from the same clusters with noise of their own.
 */
final class SyntheticVectors {
    private static final float NOISE = 0.25f;
    private static final long QUERY_SALT = 0x5DEECE66DL;

    private final int count;
    private final int dimension;
    private final float[][] centroids;
    private final long seed;

    SyntheticVectors(int count, int dimension, int clusters, long seed) {
        if (count < 1 || dimension < 1 || clusters < 1) {
            throw new IllegalArgumentException(
                    "bench job: --synthetic needs a positive count, dimension and --clusters");
        }
        this.count = count;
        this.dimension = dimension;
        this.seed = seed;
        Random r = new Random(seed);
        centroids = new float[clusters][dimension];
        for (float[] c : centroids) {
            for (int d = 0; d < dimension; d++) {
                c[d] = (float) r.nextGaussian();
            }
        }
    }

    /** Parses {@code COUNTxDIMENSION}, as in {@code 1000000x128}. */
    static SyntheticVectors parse(String spec, int clusters, long seed) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new SyntheticVectors(
                        Integer.parseInt(parts[0].replace("_", "")),
                        Integer.parseInt(parts[1]),
                        clusters,
                        seed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "bench job: --synthetic must be COUNTxDIMENSION (e.g. 1000000x128), got '"
                        + spec
                        + "'");
    }

    int count() {
        return count;
    }

    int dimension() {
        return dimension;
    }

    float[] vector(long n) {
        return point(seed * 0x9E3779B97F4A7C15L + n);
    }

    /** {@code n} query vectors, none of them equal to an upserted one. */
    float[][] queries(int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = point((seed ^ QUERY_SALT) * 0xC2B2AE3D27D4EB4FL + i);
        }
        return out;
    }

    private float[] point(long key) {
        Random r = new Random(key);
        float[] c = centroids[Math.floorMod(Long.hashCode(mix(key)), centroids.length)];
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = c[d] + (float) r.nextGaussian() * NOISE;
        }
        return v;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
