package org.vectorindex.operators.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The single answer to a {@link QueryType#GET} request: {@code
 * {"type":"vector","queryId","collection","id","vector":[…]}}, with {@code "vector":null} when the
 * collection holds no vector under that id. The vector is the one the index keeps (normalised in a
 * cosine collection); it is not copied and must not be modified.
 */
public final class VectorResult implements ResultRecord {
    private final String queryId;
    private final String collection;
    private final String id;
    private final float[] vector;

    public VectorResult(String queryId, String collection, String id, float[] vector) {
        this.queryId = Objects.requireNonNull(queryId, "queryId is missing");
        this.collection = Objects.requireNonNull(collection, "collection is missing");
        this.id = Objects.requireNonNull(id, "id is missing");
        this.vector = vector;
    }

    public String queryId() {
        return queryId;
    }

    public String collection() {
        return collection;
    }

    /** The id that was looked up. */
    public String id() {
        return id;
    }

    /** The stored vector, or null when there is none under {@link #id}. */
    public float[] vector() {
        return vector;
    }

    @Override
    public String key() {
        return queryId;
    }

    @Override
    public int hitCount() {
        return 0;
    }

    @Override
    public String hitId(int i) {
        throw new IndexOutOfBoundsException("a vector result has no hits");
    }

    @Override
    public float hitScore(int i) {
        throw new IndexOutOfBoundsException("a vector result has no hits");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorResult v
                && queryId.equals(v.queryId)
                && collection.equals(v.collection)
                && id.equals(v.id)
                && Arrays.equals(vector, v.vector);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(queryId, collection, id) + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "VectorResult{"
                + queryId
                + " "
                + collection
                + "/"
                + id
                + (vector == null ? " absent" : " " + vector.length + "-d")
                + "}";
    }
}
