package org.vectorindex.operators.testing;

import org.vectorindex.operators.index.HnswShardIndexStore;
import org.vectorindex.operators.index.ShardIndexStore;

/** Which index the operator tests run on: the production HNSW state, or the exact test index. */
public enum IndexKind {
    HNSW,
    EXACT;

    public ShardIndexStore create() {
        return this == HNSW ? new HnswShardIndexStore() : new ExactShardIndexStore();
    }
}
