package org.vectorindex.operators.model;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The single answer to a {@link QueryType#GET} request: {@code
 * {"type":"vector","queryId","collection","id","vector":[…]}}, with {@code "vector":null} when the
 * collection holds no vector under that id. The vector is the one the index keeps (normalised in a
 * cosine collection); it is not copied and must not be modified.
 */
@PublicEvolving
public final class VectorResult extends HitlessResult implements ResultRecord {
    private final String id;
    private final float[] vector;

    public VectorResult(String queryId, String collection, String id, float[] vector) {
        super(queryId, collection);
        this.id = Objects.requireNonNull(id, "id is missing");
        this.vector = vector;
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
    Object[] components() {
        return new Object[] {queryId(), collection(), id, vector};
    }

    @Override
    public String toString() {
        return "VectorResult{"
                + queryId()
                + " "
                + collection()
                + "/"
                + id
                + (vector == null ? " absent" : " " + vector.length + "-d")
                + "}";
    }
}
