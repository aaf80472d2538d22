package org.vectorindex.state.multivector;

import org.apache.flink.annotation.Internal;
import org.vectorindex.state.math.VectorMath;

/**
 * Exact late-interaction score (MaxSim, also called Chamfer similarity): {@code score(Q, D) = Σ_q
 * max_x ⟨q, x⟩}. Token sets are flat row-major arrays ({@code n × dim}) so scoring never boxes or
 * allocates; the multiply-add count of a call is {@code nq · nd · dim}, which the benchmark reports
 * against brute force.
 */
@Internal
public final class MaxSim {
    private MaxSim() {}

    /** Scores all {@code nq} query tokens against all {@code nd} document tokens. */
    public static float score(float[] query, int nq, float[] doc, int nd, int dim) {
        return score(query, 0, nq, doc, nd, dim);
    }

    /**
     * Scores query tokens {@code [from, to)} only. Query-token pruning uses this to score the most
     * informative tokens first and the rest later; the two partial sums add up to the full score.
     */
    public static float score(float[] query, int from, int to, float[] doc, int nd, int dim) {
        if (nd <= 0) {
            throw new IllegalArgumentException("document has no tokens");
        }
        double sum = 0;
        for (int q = from; q < to; q++) {
            int qo = q * dim;
            float best = Float.NEGATIVE_INFINITY;
            for (int x = 0, xo = 0; x < nd; x++, xo += dim) {
                float s = VectorMath.dot(query, qo, doc, xo, dim);
                if (s > best) {
                    best = s;
                }
            }
            sum += best;
        }
        return (float) sum;
    }

    /** Multiply-adds of scoring {@code nq} query tokens against {@code nd} document tokens. */
    public static long multiplyAdds(int nq, int nd, int dim) {
        return (long) nq * nd * dim;
    }
}
