package org.vectorindex.state.multivector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.VectorMath;

/**
 * Exhaustive FDE scan: exact top k by inner product. For small collections and as the reference
 * that shows what the FDE alone can reach, independent of graph search. Its answers do not depend
 * on insertion order (ties go to the smaller id), so persisting the FDE per id is a complete
 * durable image.
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
    public List<SearchHit> search(float[] queryFde, int k, Predicate<String> filter) {
        TopHits top = new TopHits(k);
        long scored = 0;
        for (Map.Entry<String, float[]> e : fdes.entrySet()) {
            if (filter == null || filter.test(e.getKey())) {
                top.offer(e.getKey(), VectorMath.dot(queryFde, e.getValue()));
                scored++;
            }
        }
        lastMultiplyAdds = scored * queryFde.length;
        return top.hits();
    }

    @Override
    public long lastSearchMultiplyAdds() {
        return lastMultiplyAdds;
    }

    @Override
    public long digest() {
        IndexDigest d = new IndexDigest().add(fdes.size());
        for (Map.Entry<String, float[]> e : new TreeMap<>(fdes).entrySet()) {
            d.add(e.getKey()).add(e.getValue());
        }
        return d.value();
    }

    int size() {
        return fdes.size();
    }
}
