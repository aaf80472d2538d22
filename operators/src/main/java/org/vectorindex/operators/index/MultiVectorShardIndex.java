package org.vectorindex.operators.index;

import java.util.List;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.multivector.MultiVectorIndex;

/**
 * A multi-vector index seen as a {@link ShardIndex}. Vectors cross this interface as one flat
 * row-major {@code float[]} of tokens: an upsert's raw tokens, a query's tokens, and from {@link
 * #vector} the document's pooled vectors (which {@link SubscriptionScorer#maxSim} scores). A
 * search's {@code ef} becomes the number of FDE candidates reranked by exact MaxSim: at least the
 * collection's configured candidates and at least k, so a one-shot query and a subscription's
 * re-search get the same answer for the same beam.
 */
final class MultiVectorShardIndex implements ShardIndex {
    private final MultiVectorIndex index;

    MultiVectorShardIndex(MultiVectorIndex index) {
        this.index = index;
    }

    @Override
    public void upsert(String id, float[] tokens) {
        index.upsertFlat(id, tokens);
    }

    @Override
    public boolean delete(String id) {
        return index.delete(id);
    }

    @Override
    public boolean contains(String id) {
        return index.contains(id);
    }

    /** The pooled vectors, flat and row-major, as a copy; or null. */
    @Override
    public float[] vector(String id) {
        return index.pooledFlat(id);
    }

    /** Top k by exact MaxSim (the users' score too) over the best FDE candidates. */
    @Override
    public List<SearchHit> search(float[] tokens, int k, int ef, IdFilter filter) {
        int candidates = Math.max(k, Math.max(ef, index.config().defaultCandidates()));
        return index.searchFlat(tokens, k, candidates, index.config().pruning(), filter).hits();
    }

    @Override
    public int size() {
        return index.size();
    }

    /** Digest of the whole multi-vector index: FDE graph, pooled vectors, centroid. */
    @Override
    public long digest() {
        return index.digest();
    }
}
