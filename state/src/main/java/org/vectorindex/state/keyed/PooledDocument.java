package org.vectorindex.state.keyed;

import org.apache.flink.annotation.Internal;

/**
 * The durable form of one multi-vector document besides its node in the FDE graph: its stored
 * vectors, row-major {@code m' × d}, either as float32 components ({@code pooled}) or, for
 * collections with {@code StoredEncoding.INT8}, as one-byte codes ({@code codes}), exactly one of
 * the two; and, only for collections without a graph ({@code CandidateSearch.EXACT}), its FDE.
 * Under HNSW the FDE already lives in the graph's node record, so it is not stored twice.
 *
 * @param pooled pooled vectors, flat float32, or null when {@code codes} holds them
 * @param codes INT8 codes, flat, or null when {@code pooled} holds the vectors
 * @param fde the FDE, or null when the candidate graph holds it
 */
@Internal
public record PooledDocument(float[] pooled, byte[] codes, float[] fde) {

    public PooledDocument {
        if ((pooled == null) == (codes == null)) {
            throw new IllegalArgumentException(
                    "a pooled document holds either float32 vectors or INT8 codes, exactly one");
        }
    }

    /** A float32 document (the only kind format 1 knew). */
    public PooledDocument(float[] pooled, float[] fde) {
        this(pooled, null, fde);
    }
}
