package org.vectorindex.operators.model;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
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
@PublicEvolving
public final class Mutation extends SourcedRecord {
    private final MutationOp op;
    private final String collection;
    private final String id;
    private final Map<String, String> attributes;

    private Mutation(
            MutationOp op,
            String collection,
            String id,
            float[] vector,
            float[][] vectors,
            Map<String, String> attributes,
            int sourcePartition,
            long sourceOffset) {
        super(vector, vectors, sourcePartition, sourceOffset);
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
        this.attributes = ModelMaps.readOnly(attributes);
    }

    /**
     * The same mutation, read at {@code partition} and {@code offset} of the mutations topic: the
     * coordinates travel with it so that a later dead letter names the original record. They are
     * not part of equality.
     */
    public Mutation at(int partition, long offset) {
        return new Mutation(op, collection, id, vector(), vectors(), attributes, partition, offset);
    }

    /** Upsert into an HNSW collection. */
    public static Mutation upsert(
            String collection, String id, float[] vector, Map<String, String> attributes) {
        Objects.requireNonNull(vector, "vector is missing");
        return new Mutation(MutationOp.UPSERT, collection, id, vector, null, attributes, -1, -1L);
    }

    /** Upsert into a multi-vector collection: one row per token vector. */
    public static Mutation upsertMulti(
            String collection, String id, float[][] vectors, Map<String, String> attributes) {
        Objects.requireNonNull(vectors, "vectors is missing");
        return new Mutation(MutationOp.UPSERT, collection, id, null, vectors, attributes, -1, -1L);
    }

    public static Mutation delete(String collection, String id) {
        return new Mutation(MutationOp.DELETE, collection, id, null, null, null, -1, -1L);
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

    /** Attributes for filtering; empty, never {@code null}; read-only. */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    Object[] components() {
        return new Object[] {op, collection, id, vector(), vectors(), attributes};
    }

    @Override
    public String toString() {
        return "Mutation{"
                + op.wireName()
                + " "
                + collection
                + "/"
                + id
                + describeVectors()
                + (attributes.isEmpty() ? "" : " " + attributes)
                + "}";
    }
}
