package org.vectorindex.state.hnsw;

/**
 * The durable form of one node: what keyed state stores per ordinal. Neighbour scores are not
 * stored; they are recomputed from the vectors on restore, bit for bit.
 *
 * @param neighbors neighbours per level, {@code neighbors[l]} best first
 */
public record NodeRecord(
        String id, float[] vector, int level, boolean deleted, int[][] neighbors) {}
