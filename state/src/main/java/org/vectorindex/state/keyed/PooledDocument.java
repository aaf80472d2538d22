package org.vectorindex.state.keyed;

/**
 * The durable form of one multi-vector document besides its node in the FDE graph: its pooled
 * vectors, row-major {@code m' × d}, and, only for collections without a graph ({@code
 * CandidateSearch.EXACT}), its FDE. Under HNSW the FDE already lives in the graph's node record, so
 * it is not stored twice.
 *
 * @param pooled pooled vectors, flat
 * @param fde the FDE, or null when the candidate graph holds it
 */
public record PooledDocument(float[] pooled, float[] fde) {}
