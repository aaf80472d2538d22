package org.vectorindex.connectors.format;

import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.RejectReason;
import org.vectorindex.state.math.Metric;

/** Checks of parsed vectors against their collection, each naming the offending field. */
final class VectorRules {
    private VectorRules() {}

    /** Against the collection's maxTokens and the record limit {@code maxTokens}. */
    static void checkTokenCount(CollectionSpec spec, int rows, int maxTokens) throws Rejection {
        int max = Math.min(spec.multiVector().maxTokens(), maxTokens);
        if (rows > max) {
            throw new Rejection(
                    RejectReason.TOO_MANY_TOKENS,
                    rows
                            + " token vectors exceed the limit of "
                            + max
                            + " of collection '"
                            + spec.name()
                            + "'");
        }
    }

    static void checkShape(CollectionSpec spec, float[] v, String field) throws Rejection {
        if (v.length != spec.dimension()) {
            throw new Rejection(
                    RejectReason.WRONG_DIMENSION,
                    "'"
                            + field
                            + "' has "
                            + v.length
                            + " components; collection '"
                            + spec.name()
                            + "' has dimension "
                            + spec.dimension());
        }
        if (spec.metric() == Metric.COSINE) {
            for (float x : v) {
                if (x != 0f) {
                    return;
                }
            }
            throw new Rejection(
                    RejectReason.ZERO_VECTOR,
                    "'" + field + "' is all zeros, which has no direction under cosine");
        }
    }

    static void checkFinite(float[] v, String field) throws Rejection {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new Rejection(RejectReason.NON_FINITE, field + "[" + i + "] is " + v[i]);
            }
        }
    }
}
