package org.vectorindex.operators.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.operators.index.IdFilter;
import org.vectorindex.operators.index.ShardIndex;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

/**
 * An exact (brute-force) shard index over a pluggable vector map: a plain HashMap for unit tests,
 * or Flink keyed MapState ({@link ExactShardIndexStore}) for harness tests. It validates and
 * normalises exactly like the HNSW index, so tests of the operator logic do not depend on HNSW's
 * approximation.
 */
public final class ExactShardIndex implements ShardIndex {

    /** Storage of the vectors by id. */
    public interface Vectors {
        float[] get(String id);

        void put(String id, float[] v);

        boolean remove(String id);

        Iterable<Map.Entry<String, float[]>> entries();
    }

    private final HnswConfig config;
    private final Vectors vectors;

    public ExactShardIndex(HnswConfig config, Vectors vectors) {
        this.config = config;
        this.vectors = vectors;
    }

    /** An index over a private HashMap. */
    public static ExactShardIndex inMemory(HnswConfig config) {
        Map<String, float[]> map = new HashMap<>();
        return new ExactShardIndex(
                config,
                new Vectors() {
                    @Override
                    public float[] get(String id) {
                        return map.get(id);
                    }

                    @Override
                    public boolean remove(String id) {
                        return map.remove(id) != null;
                    }

                    @Override
                    public void put(String id, float[] v) {
                        map.put(id, v);
                    }

                    @Override
                    public Iterable<Map.Entry<String, float[]>> entries() {
                        return map.entrySet();
                    }
                });
    }

    @Override
    public void upsert(String id, float[] vector) {
        VectorMath.validate(vector, config.dimension(), config.metric());
        vectors.put(id, prepare(vector, config.metric()));
    }

    @Override
    public boolean delete(String id) {
        return vectors.remove(id);
    }

    @Override
    public float[] vector(String id) {
        float[] v = vectors.get(id);
        return v == null ? null : v.clone();
    }

    @Override
    public boolean contains(String id) {
        return vectors.get(id) != null;
    }

    @Override
    public List<SearchHit> search(float[] query, int k, int ef, IdFilter filter) {
        VectorMath.validate(query, config.dimension(), config.metric());
        float[] q = prepare(query, config.metric());
        Map<String, Float> scored = new HashMap<>();
        for (Map.Entry<String, float[]> e : vectors.entries()) {
            if (filter == null || filter.test(e.getKey())) {
                scored.put(e.getKey(), config.metric().score(q, e.getValue()));
            }
        }
        Truth.Ranked best = Truth.rank(scored, k, config.metric()::externalScore);
        List<SearchHit> out = new ArrayList<>();
        for (int i = 0; i < best.ids().size(); i++) {
            out.add(new SearchHit(best.ids().get(i), best.scores().get(i)));
        }
        return out;
    }

    @Override
    public int size() {
        int n = 0;
        for (Map.Entry<String, float[]> ignored : vectors.entries()) {
            n++;
        }
        return n;
    }

    /** A digest of the id-sorted (id, vector bits) pairs: equal contents, equal digest. */
    @Override
    public long digest() {
        java.util.TreeMap<String, float[]> sorted = new java.util.TreeMap<>();
        for (Map.Entry<String, float[]> e : vectors.entries()) {
            sorted.put(e.getKey(), e.getValue());
        }
        long h = 1125899906842597L;
        for (Map.Entry<String, float[]> e : sorted.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            for (float x : e.getValue()) {
                h = 31 * h + Float.floatToRawIntBits(x);
            }
        }
        return h;
    }

    static float[] prepare(float[] v, Metric metric) {
        float[] c = v.clone();
        if (metric.normalizes()) {
            VectorMath.normalizeInPlace(c);
        }
        return c;
    }
}
