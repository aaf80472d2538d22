package org.vectorindex.state.hnsw;

import org.apache.flink.annotation.Internal;

/** One search result: an external id and the score users see (higher is better). */
@Internal
public record SearchHit(String id, float score) {}
