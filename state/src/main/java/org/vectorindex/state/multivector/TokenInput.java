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
        if (tokens.length > maxTokens) {
            throw new IllegalArgumentException(
                    "too many tokens: " + tokens.length + " exceeds the limit of " + maxTokens);
        }
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
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                float x = v[j];
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
            float inv = normalise ? (float) (1.0 / norm) : 1f;
            for (int j = 0; j < dim; j++) {
                flat[t * dim + j] = v[j] * inv;
            }
        }
        return flat;
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
