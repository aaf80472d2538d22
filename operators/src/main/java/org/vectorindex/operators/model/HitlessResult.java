package org.vectorindex.operators.model;

import java.util.Objects;

/**
 * What the answers without hits ({@link StatsResult}, {@link VectorResult}) share: the queryId they
 * are keyed by and the collection asked.
 */
abstract class HitlessResult extends ModelValue {
    private final String queryId;
    private final String collection;

    HitlessResult(String queryId, String collection) {
        this.queryId = Objects.requireNonNull(queryId, "queryId is missing");
        this.collection = Objects.requireNonNull(collection, "collection is missing");
    }

    public String queryId() {
        return queryId;
    }

    public String collection() {
        return collection;
    }

    /** The queryId (see {@link ResultRecord#key}). */
    public String key() {
        return queryId;
    }

    /** Always 0. */
    public int hitCount() {
        return 0;
    }

    /** Always throws: there are no hits. */
    public String hitId(int i) {
        throw noHits();
    }

    /** Always throws: there are no hits. */
    public float hitScore(int i) {
        throw noHits();
    }

    private IndexOutOfBoundsException noHits() {
        return new IndexOutOfBoundsException(getClass().getSimpleName() + " has no hits");
    }
}
