package org.vectorindex.state.hnsw;

import org.apache.flink.annotation.Internal;

/**
 * The durable form of one node's payload: what keyed state stores per ordinal besides its links.
 * Links live in a separate state entry because they change far more often than the vector, and
 * rewriting a vector with every back-link would make checkpoints grow with the index, not the
 * change.
 */
@Internal
public record NodeRecord(String id, float[] vector, int level, boolean deleted) {}
