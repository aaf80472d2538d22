package org.vectorindex.state.multivector;

import org.apache.flink.annotation.Internal;

/** Where candidates come from before the exact MaxSim rerank. */
@Internal
public enum CandidateSearch {
    /** Document FDEs in an HNSW graph under inner product (the production path). */
    HNSW,
    /** Exhaustive FDE scan: exact FDE top k', for small collections and for reference. */
    EXACT;
}
