package org.vectorindex.operators.index;

import org.apache.flink.annotation.Internal;

/**
 * Multi-vector tokens as the operators carry them: one flat row-major {@code float[]} of n rows of
 * the token dimension d. Checks give the messages that end up on dead letters, and normalisation
 * uses the same arithmetic as the multi-vector index of module {@code state} (a double sum, one
 * float reciprocal), so a subscription scores its tokens exactly as a one-shot search does.
 */
@Internal
public final class TokenRows {
    private TokenRows() {}

    /** Why {@code flat} is not a valid token list of dimension {@code dim}, or null. */
    public static String problem(float[] flat, int dim, int maxTokens) {
        if (flat == null || flat.length == 0) {
            return "token list is empty";
        }
        if (flat.length % dim != 0) {
            return "token vectors must have dimension " + dim + ": got " + flat.length + " values";
        }
        int n = flat.length / dim;
        if (n > maxTokens) {
            return "too many tokens: " + n + " exceeds the limit of " + maxTokens;
        }
        for (int t = 0; t < n; t++) {
            boolean zero = true;
            for (int j = t * dim; j < (t + 1) * dim; j++) {
                if (!Float.isFinite(flat[j])) {
                    return "token " + t + " component " + (j - t * dim) + " is " + flat[j];
                }
                zero &= flat[j] == 0f;
            }
            if (zero) {
                return "token " + t + " is a zero vector and cannot be normalised";
            }
        }
        return null;
    }

    /** Scales every row of {@code flat} to unit length (rows must be finite and non-zero). */
    public static void normalizeInPlace(float[] flat, int dim) {
        for (int o = 0; o < flat.length; o += dim) {
            double sum = 0;
            for (int j = o; j < o + dim; j++) {
                sum += (double) flat[j] * flat[j];
            }
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int j = o; j < o + dim; j++) {
                flat[j] = flat[j] * inv;
            }
        }
    }
}
