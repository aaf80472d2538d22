package org.vectorindex.state.multivector;

import java.util.List;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;

/**
 * Document FDEs in an {@link HnswIndex} under inner product. The beam width ef equals the candidate
 * count k', so k' is the one knob that trades recall for cost.
 */
final class HnswCandidateIndex implements FdeCandidateIndex {
    private final HnswIndex index;

    HnswCandidateIndex(int fdeDimension, int m, int efConstruction, int defaultEf, long seed) {
        this.index =
                new HnswIndex(
                        HnswConfig.builder()
                                .dimension(fdeDimension)
                                .metric(Metric.DOT)
                                .m(m)
                                .efConstruction(efConstruction)
                                .defaultEf(defaultEf)
                                .seed(seed)
                                .build());
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
    public List<SearchHit> search(float[] queryFde, int k) {
        return index.search(queryFde, k, k);
    }

    @Override
    public long lastSearchMultiplyAdds() {
        return -1;
    }
}
