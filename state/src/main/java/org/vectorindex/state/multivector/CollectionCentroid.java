package org.vectorindex.state.multivector;

/**
 * Running sum of every stored pooled vector, for the distinctiveness pruning criterion. It is kept
 * in 2^-30 fixed point in longs, so additions commute exactly: a collection rebuilt from keyed
 * state in any order has the same centroid, bit for bit, as the original.
 */
final class CollectionCentroid {
    private static final double SCALE = 1L << 30;
    private final long[] sums;

    CollectionCentroid(int dim) {
        this.sums = new long[dim];
    }

    void add(float[] flat) {
        apply(flat, 1);
    }

    void remove(float[] flat) {
        apply(flat, -1);
    }

    private void apply(float[] flat, int sign) {
        int dim = sums.length;
        for (int i = 0; i < flat.length; i++) {
            sums[i % dim] += sign * Math.round(flat[i] * SCALE);
        }
    }

    /** Adds the exact fixed-point sums to a digest. */
    void addTo(IndexDigest digest) {
        for (long s : sums) {
            digest.add(s);
        }
    }

    /** Unit mean direction, or null while the sum is zero. */
    float[] direction() {
        double norm = 0;
        for (long s : sums) {
            norm += (double) s * s;
        }
        if (norm == 0) {
            return null;
        }
        double inv = 1.0 / Math.sqrt(norm);
        float[] out = new float[sums.length];
        for (int j = 0; j < sums.length; j++) {
            out[j] = (float) (sums[j] * inv);
        }
        return out;
    }
}
