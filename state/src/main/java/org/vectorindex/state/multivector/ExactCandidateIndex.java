package org.vectorindex.state.multivector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.VectorMath;

/**
 * Exhaustive FDE scan: exact top k by inner product. For small collections and as the reference
 * that shows what the FDE alone can reach, independent of graph search.
 */
final class ExactCandidateIndex implements FdeCandidateIndex {
    private final Map<String, float[]> fdes = new HashMap<>();
    private long lastMultiplyAdds;

    @Override
    public void upsert(String id, float[] fde) {
        fdes.put(id, fde);
    }

    @Override
    public boolean delete(String id) {
        return fdes.remove(id) != null;
    }

    @Override
    public float[] vector(String id) {
        float[] v = fdes.get(id);
        return v == null ? null : v.clone();
    }

    @Override
    public List<SearchHit> search(float[] queryFde, int k) {
        TopHits top = new TopHits(k);
        for (Map.Entry<String, float[]> e : fdes.entrySet()) {
            top.offer(e.getKey(), VectorMath.dot(queryFde, e.getValue()));
        }
        lastMultiplyAdds = (long) fdes.size() * queryFde.length;
        return top.hits();
    }

    @Override
    public long lastSearchMultiplyAdds() {
        return lastMultiplyAdds;
    }

    int size() {
        return fdes.size();
    }
}
