package org.vectorindex.state.multivector;

import java.util.List;
import java.util.function.Predicate;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * Document FDEs in an {@link HnswIndex} under inner product. The beam width ef equals the candidate
 * count k', so k' is the one knob that trades recall for cost.
 */
final class HnswCandidateIndex implements FdeCandidateIndex {
    private final HnswIndex index;

    /** An empty graph shaped by {@link MultiVectorConfig#candidateGraphConfig()}. */
    HnswCandidateIndex(MultiVectorConfig config) {
        this(new HnswIndex(config.candidateGraphConfig()));
    }

    /** Wraps a graph, e.g. one restored bit-identically from keyed state. */
    HnswCandidateIndex(HnswIndex index) {
        this.index = index;
    }

    HnswIndex graph() {
        return index;
    }

    @Override
    public void upsert(String id, float[] fde) {
        index.upsert(id, fde);
    }

    @Override
    public boolean delete(String id) {
        return index.delete(id);
    }

    @Override
    public float[] vector(String id) {
        return index.vector(id);
    }

    @Override
    public List<SearchHit> search(float[] queryFde, int k, Predicate<String> filter) {
        return index.searchAccepting(queryFde, k, k, filter);
    }

    @Override
    public long lastSearchMultiplyAdds() {
        return -1;
    }

    @Override
    public long digest() {
        return index.graphDigest();
    }
}
