package org.vectorindex.operators.index;

import org.apache.flink.annotation.Internal;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.multivector.MaxSim;

/**
 * How a shard's subscriptions score a stored document against their query: the one thing that
 * differs between single-vector and multi-vector collections in the incremental top-k maintenance
 * of {@link ShardSubscriptions}. Scores are internal (higher is better); {@link #externalScore}
 * turns one into what users see. A scorer must give bit-identical scores to the ones its shard
 * index reports, so incremental and re-searched top-k lists agree.
 */
@Internal
public interface SubscriptionScorer {

    /**
     * Internal score of {@code stored} (as the index stores it: {@link ShardIndex#vector}) against
     * a subscription's {@code query} (already normalised as the collection requires).
     */
    float score(float[] query, float[] stored);

    /** The user's score for an internal one. */
    float externalScore(float internal);

    /** Throws IllegalArgumentException when {@code query} has the wrong shape. */
    void checkQuery(float[] query);

    /** Single-vector collections: {@link Metric#score} over one vector of dimension {@code dim}. */
    static SubscriptionScorer of(Metric metric, int dim) {
        return new SubscriptionScorer() {
            @Override
            public float score(float[] query, float[] stored) {
                return metric.score(query, 0, stored, 0, dim);
            }

            @Override
            public float externalScore(float internal) {
                return metric.externalScore(internal);
            }

            @Override
            public void checkQuery(float[] query) {
                if (query.length != dim) {
                    throw new IllegalArgumentException(
                            "wrong dimension: expected " + dim + " but got " + query.length);
                }
            }
        };
    }

    /**
     * Multi-vector collections: exact MaxSim of the query tokens against a document's pooled
     * vectors (both flat, rows of {@code dim}); users see the MaxSim itself.
     */
    static SubscriptionScorer maxSim(int dim) {
        return new SubscriptionScorer() {
            @Override
            public float score(float[] query, float[] stored) {
                return MaxSim.score(query, query.length / dim, stored, stored.length / dim, dim);
            }

            @Override
            public float externalScore(float internal) {
                return internal;
            }

            @Override
            public void checkQuery(float[] query) {
                if (query.length == 0 || query.length % dim != 0) {
                    throw new IllegalArgumentException(
                            "token vectors must have dimension "
                                    + dim
                                    + ": got "
                                    + query.length
                                    + " values");
                }
            }
        };
    }
}
