package org.vectorindex.operators.model;

/**
 * What a {@link Mutation} and a {@link Query} carry alike: one vector or a list of token vectors
 * (or neither), and where in its topic the record was read. The coordinates are not part of
 * equality. The arrays are not copied and must not be modified.
 */
abstract class SourcedRecord extends ModelValue {
    private final float[] vector;
    private final float[][] vectors;
    private final int sourcePartition;
    private final long sourceOffset;

    SourcedRecord(float[] vector, float[][] vectors, int sourcePartition, long sourceOffset) {
        this.vector = vector;
        this.vectors = vectors;
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
    }

    /** The single vector (an HNSW collection's), else {@code null}. Do not modify. */
    public float[] vector() {
        return vector;
    }

    /** The token vectors (a multi-vector collection's), else {@code null}. Do not modify. */
    public float[][] vectors() {
        return vectors;
    }

    public boolean isMultiVector() {
        return vectors != null;
    }

    /** Partition of the topic it was read from, or -1 when unknown. */
    public int sourcePartition() {
        return sourcePartition;
    }

    /** Offset in that partition, or -1 when unknown. */
    public long sourceOffset() {
        return sourceOffset;
    }

    /** " vector[d]" or " vectors[n][d]" for toString, empty when there is none. */
    String describeVectors() {
        if (vector != null) {
            return " vector[" + vector.length + "]";
        }
        if (vectors != null) {
            return " vectors["
                    + vectors.length
                    + "]["
                    + (vectors.length > 0 ? vectors[0].length : 0)
                    + "]";
        }
        return "";
    }
}
