package org.vectorindex.state.multivector;

/**
 * Validates a token list and flattens it. Every rejection is an {@link IllegalArgumentException}
 * whose message names the token and the reason, because the operators put that message on the
 * dead-letter record.
 */
final class TokenInput {
    private TokenInput() {}

    /**
     * Checks count, dimension and finiteness, then copies the tokens row-major, normalised to unit
     * length when {@code normalise}. When {@code norms} is non-null it receives each token's length
     * before normalisation.
     */
    static float[] flatten(
            float[][] tokens, int dim, int maxTokens, boolean normalise, float[] norms) {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException("token list is empty");
        }
        checkCount(tokens.length, maxTokens);
        float[] flat = new float[tokens.length * dim];
        for (int t = 0; t < tokens.length; t++) {
            float[] v = tokens[t];
            if (v == null) {
                throw new IllegalArgumentException("token " + t + " is missing");
            }
            if (v.length != dim) {
                throw new IllegalArgumentException(
                        "token "
                                + t
                                + " has the wrong dimension: expected "
                                + dim
                                + " but got "
                                + v.length);
            }
            System.arraycopy(v, 0, flat, t * dim, dim);
        }
        checkAndNormalise(flat, tokens.length, dim, normalise, norms);
        return flat;
    }

    /**
     * As {@link #flatten(float[][], int, int, boolean, float[])} for tokens already laid out
     * row-major in one array (length a multiple of {@code dim}); returns a checked copy, with the
     * same arithmetic, so both forms give bit-identical documents.
     */
    static float[] copyFlat(
            float[] flatTokens, int dim, int maxTokens, boolean normalise, float[] norms) {
        if (flatTokens == null || flatTokens.length == 0) {
            throw new IllegalArgumentException("token list is empty");
        }
        if (flatTokens.length % dim != 0) {
            throw new IllegalArgumentException(
                    "flat token array of length "
                            + flatTokens.length
                            + " is not a whole number of tokens of dimension "
                            + dim);
        }
        int n = flatTokens.length / dim;
        checkCount(n, maxTokens);
        float[] flat = flatTokens.clone();
        checkAndNormalise(flat, n, dim, normalise, norms);
        return flat;
    }

    private static void checkCount(int n, int maxTokens) {
        if (n > maxTokens) {
            throw new IllegalArgumentException(
                    "too many tokens: " + n + " exceeds the limit of " + maxTokens);
        }
    }

    /** Rejects NaN, infinity and (when normalising) zero tokens; normalises in place. */
    private static void checkAndNormalise(
            float[] flat, int n, int dim, boolean normalise, float[] norms) {
        for (int t = 0; t < n; t++) {
            int o = t * dim;
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                float x = flat[o + j];
                if (Float.isNaN(x)) {
                    throw new IllegalArgumentException(
                            "token " + t + " component " + j + " is NaN");
                }
                if (Float.isInfinite(x)) {
                    throw new IllegalArgumentException(
                            "token " + t + " component " + j + " is infinite");
                }
                sum += (double) x * x;
            }
            if (normalise && sum == 0) {
                throw new IllegalArgumentException(
                        "token " + t + " is a zero vector and cannot be normalised");
            }
            double norm = Math.sqrt(sum);
            if (norms != null) {
                norms[t] = (float) norm;
            }
            if (normalise) {
                float inv = (float) (1.0 / norm);
                for (int j = 0; j < dim; j++) {
                    flat[o + j] *= inv;
                }
            }
        }
    }

    static float[][] unflatten(float[] flat, int dim) {
        int n = flat.length / dim;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
        }
        return out;
    }
}
