package org.vectorindex.state.hnsw;

/** One search result: an external id and the score users see (higher is better). */
public record SearchHit(String id, float score) {}
