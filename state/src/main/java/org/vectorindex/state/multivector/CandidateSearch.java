package org.vectorindex.state.multivector;

/** Where candidates come from before the exact MaxSim rerank. */
public enum CandidateSearch {
    /** Document FDEs in an HNSW graph under inner product (the production path). */
    HNSW,
    /** Exhaustive FDE scan: exact FDE top k', for small collections and for reference. */
    EXACT,
    /**
     * No FDE: every stored token is a node of one HNSW graph (which is also the only copy of the
     * stored vectors); each query token retrieves its nearest tokens, and documents are reranked
     * best upper bound first ({@link TokenCandidateSearch}). In memory only: keyed state does not
     * hold such collections.
     */
    TOKENS;
}
