package org.vectorindex.state.math;

import org.apache.flink.annotation.Internal;

/**
 * Similarity metric of an index. Internally every metric is a score where higher is better, so
 * heaps and merges need only one ordering; {@link #externalScore} turns it into the score users
 * see.
 */
@Internal
public enum Metric {
    /** Squared Euclidean distance; reported as {@code 1 / (1 + d²)} like Lucene. */
    L2,
    /** Cosine similarity; vectors are normalised on the way in, then scored by dot product. */
    COSINE,
    /** Raw inner product. */
    DOT;

    /** Internal score of two stored vectors, higher is better. */
    public float score(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        if (this == L2) {
            return -VectorMath.squaredL2(a, aOffset, b, bOffset, dim);
        }
        return VectorMath.dot(a, aOffset, b, bOffset, dim);
    }

    /** Internal score of two whole vectors. */
    public float score(float[] a, float[] b) {
        return score(a, 0, b, 0, a.length);
    }

    /** The score reported to users for an internal score. */
    public float externalScore(float internalScore) {
        return this == L2 ? 1f / (1f - internalScore) : internalScore;
    }

    /** Whether vectors are normalised before they are stored or searched. */
    public boolean normalizes() {
        return this == COSINE;
    }

    /** Parses {@code l2}, {@code cosine} or {@code dot} (also {@code euclidean}, {@code ip}). */
    public static Metric parse(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "l2":
            case "euclidean":
                return L2;
            case "cosine":
            case "angular":
                return COSINE;
            case "dot":
            case "ip":
            case "inner_product":
                return DOT;
            default:
                throw new IllegalArgumentException(
                        "unknown metric '" + name + "': expected l2, cosine or dot");
        }
    }
}
