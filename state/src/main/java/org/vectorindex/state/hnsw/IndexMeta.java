package org.vectorindex.state.hnsw;

import org.apache.flink.annotation.Internal;

/**
 * The durable index header: small, so rewriting it on every mutation keeps checkpoints proportional
 * to the change. Free ordinals and counters are derived from the node records.
 *
 * @param ordinalLimit one past the highest ordinal ever used
 */
@Internal
public record IndexMeta(HnswConfig config, int entryPoint, int maxLevel, int ordinalLimit) {}
