package org.vectorindex.state.hnsw;

/** Scores a stored node against a fixed target; higher is better. */
interface OrdinalScorer {
    float score(int ordinal);

    /** Loads what scoring {@code ordinal} will read, without scoring it; see VectorStore#touch. */
    int touch(int ordinal);
}
