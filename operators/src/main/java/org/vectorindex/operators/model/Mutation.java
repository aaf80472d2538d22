package org.vectorindex.operators.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An upsert or delete of one record in one collection, as read from the mutations topic.
 *
 * <p>Immutable by contract: the vector arrays are handed over, not copied, because copying every
 * vector on the ingest path would double its allocation; nobody may modify them afterwards. An
 * upsert carries exactly one of {@link #vector()} (HNSW collections) or {@link #vectors()}
 * (multi-vector collections: one row per token); a delete carries neither.
 */
@TypeInfo(ModelTypeInfoFactories.MutationInfo.class)
public final class Mutation {
    private final MutationOp op;
    private final String collection;
    private final String id;
    private final float[] vector;
    private final float[][] vectors;
    private final Map<String, String> attributes;
    private final int sourcePartition;
    private final long sourceOffset;

    private Mutation(
            MutationOp op,
            String collection,
            String id,
            float[] vector,
            float[][] vectors,
            Map<String, String> attributes,
            int sourcePartition,
            long sourceOffset) {
        this.op = Objects.requireNonNull(op, "op is missing");
        this.collection = Objects.requireNonNull(collection, "collection is missing");
        this.id = Objects.requireNonNull(id, "id is missing");
        if (op == MutationOp.UPSERT && (vector == null) == (vectors == null)) {
            throw new IllegalArgumentException(
                    "upsert of '" + id + "' needs exactly one of vector or vectors");
        }
        if (op == MutationOp.DELETE && (vector != null || vectors != null)) {
            throw new IllegalArgumentException("delete of '" + id + "' carries no vector");
        }
        this.vector = vector;
        this.vectors = vectors;
        this.attributes = ModelMaps.readOnly(attributes);
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
    }

    private Mutation(
            MutationOp op,
            String collection,
            String id,
            float[] vector,
            float[][] vectors,
            Map<String, String> attributes) {
        this(op, collection, id, vector, vectors, attributes, -1, -1L);
    }

    /**
     * The same mutation, read at {@code partition} and {@code offset} of the mutations topic: the
     * coordinates travel with it so that a later dead letter names the original record. They are
     * not part of equality.
     */
    public Mutation at(int partition, long offset) {
        return new Mutation(op, collection, id, vector, vectors, attributes, partition, offset);
    }

    /** Upsert into an HNSW collection. */
    public static Mutation upsert(
            String collection, String id, float[] vector, Map<String, String> attributes) {
        return new Mutation(
                MutationOp.UPSERT,
                collection,
                id,
                Objects.requireNonNull(vector, "vector is missing"),
                null,
                attributes);
    }

    /** Upsert into a multi-vector collection: one row per token vector. */
    public static Mutation upsertMulti(
            String collection, String id, float[][] vectors, Map<String, String> attributes) {
        return new Mutation(
                MutationOp.UPSERT,
                collection,
                id,
                null,
                Objects.requireNonNull(vectors, "vectors is missing"),
                attributes);
    }

    public static Mutation delete(String collection, String id) {
        return new Mutation(MutationOp.DELETE, collection, id, null, null, null);
    }

    public MutationOp op() {
        return op;
    }

    public String collection() {
        return collection;
    }

    public String id() {
        return id;
    }

    /** The vector of an HNSW upsert, else {@code null}. Do not modify. */
    public float[] vector() {
        return vector;
    }

    /** The token vectors of a multi-vector upsert, else {@code null}. Do not modify. */
    public float[][] vectors() {
        return vectors;
    }

    public boolean isMultiVector() {
        return vectors != null;
    }

    /** Partition of the mutations topic it was read from, or -1 when unknown. */
    public int sourcePartition() {
        return sourcePartition;
    }

    /** Offset in that partition, or -1 when unknown. */
    public long sourceOffset() {
        return sourceOffset;
    }

    /** Attributes for filtering; empty, never {@code null}; read-only. */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Mutation)) {
            return false;
        }
        Mutation m = (Mutation) o;
        return op == m.op
                && collection.equals(m.collection)
                && id.equals(m.id)
                && Arrays.equals(vector, m.vector)
                && Arrays.deepEquals(vectors, m.vectors)
                && attributes.equals(m.attributes);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(op, collection, id, attributes);
        h = 31 * h + Arrays.hashCode(vector);
        return 31 * h + Arrays.deepHashCode(vectors);
    }

    @Override
    public String toString() {
        return "Mutation{"
                + op.wireName()
                + " "
                + collection
                + "/"
                + id
                + ModelMaps.describeVectors(vector, vectors)
                + (attributes.isEmpty() ? "" : " " + attributes)
                + "}";
    }
}
