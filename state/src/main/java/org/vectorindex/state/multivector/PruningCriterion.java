package org.vectorindex.state.multivector;

import org.apache.flink.annotation.Internal;

/**
 * How query tokens are ranked by informativeness for query-token pruning. Both are measured by the
 * multi-vector benchmark; neither needs another pass over candidates.
 */
@Internal
public enum PruningCriterion {
    /**
     * Distinctiveness: tokens far from the collection's mean direction first, an IDF-like signal
     * (tokens that resemble everything discriminate nothing). Uses a running sum of all stored
     * pooled vectors, kept in fixed point so it does not depend on insertion order.
     */
    DISTINCTIVENESS,
    /** Token length before normalisation, longest first (the input must not be pre-normalised). */
    NORM;

    public static PruningCriterion parse(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "distinctiveness":
            case "idf":
                return DISTINCTIVENESS;
            case "norm":
                return NORM;
            default:
                throw new IllegalArgumentException(
                        "unknown pruning criterion '"
                                + name
                                + "': expected distinctiveness or norm");
        }
    }
}
