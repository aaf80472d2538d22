package org.vectorindex.jobs.bench;

import java.util.List;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Our {@link HnswIndex}, driven through its public API with ids {@code String.valueOf(ordinal)}.
 * Parsing the returned ids back to ordinals is part of the timed search: it is what any caller of
 * the String-id API pays.
 */
public final class OursHnsw implements AnnSystem {
    private final Metric metric;
    private final int m;
    private final int efConstruction;
    private final long seed;
    private final double consolidateFraction;
    private final StoredEncoding encoding;
    private String[] ids = new String[0];
    private HnswIndex index;

    public OursHnsw(Metric metric, int m, int efConstruction, long seed) {
        this(metric, m, efConstruction, seed, HnswConfig.DEFAULT_CONSOLIDATE_FRACTION);
    }

    /**
     * @param consolidateFraction deleted fraction at which the index repairs its graph (only
     *     deletes exercise it; {@code bench churn} exposes it to study repair quality)
     */
    public OursHnsw(
            Metric metric, int m, int efConstruction, long seed, double consolidateFraction) {
        this(metric, m, efConstruction, seed, consolidateFraction, StoredEncoding.FLOAT32);
    }

    /** As above, with the vectors stored as {@code encoding}; INT8 is named {@code ours-int8}. */
    public OursHnsw(
            Metric metric,
            int m,
            int efConstruction,
            long seed,
            double consolidateFraction,
            StoredEncoding encoding) {
        this.encoding = encoding;
        this.metric = metric;
        this.m = m;
        this.efConstruction = efConstruction;
        this.seed = seed;
        this.consolidateFraction = consolidateFraction;
    }

    @Override
    public String name() {
        return encoding == StoredEncoding.FLOAT32 ? "ours" : "ours-int8";
    }

    /** A new empty index with this system's parameters. */
    public HnswIndex newIndex(int dimension) {
        return new HnswIndex(
                HnswConfig.builder()
                        .dimension(dimension)
                        .metric(metric)
                        .m(m)
                        .efConstruction(efConstruction)
                        .seed(seed)
                        .consolidateFraction(consolidateFraction)
                        .storedEncoding(encoding)
                        .build());
    }

    /** The id strings for ordinals 0..n-1, made once so builds do not time string formatting. */
    public String[] ids(int n) {
        if (ids.length < n) {
            String[] grown = new String[n];
            System.arraycopy(ids, 0, grown, 0, ids.length);
            for (int i = ids.length; i < n; i++) {
                grown[i] = String.valueOf(i);
            }
            ids = grown;
        }
        return ids;
    }

    @Override
    public void build(float[][] base) {
        String[] names = ids(base.length);
        index = null; // let the previous index be collected before the new one grows
        HnswIndex fresh = newIndex(base[0].length);
        for (int i = 0; i < base.length; i++) {
            fresh.upsert(names[i], base[i]);
        }
        index = fresh;
    }

    @Override
    public int[] search(float[] query, int k, int ef) {
        return ordinals(built().search(query, k, ef));
    }

    /** Maps hits back to base ordinals. */
    public static int[] ordinals(List<SearchHit> hits) {
        int[] out = new int[hits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(hits.get(i).id());
        }
        return out;
    }

    @Override
    public long memoryBytes() {
        return built().memoryBytes();
    }

    @Override
    public String memoryNote() {
        return "HnswIndex.memoryBytes(): the index's own estimate of vectors, adjacency and id maps";
    }

    public HnswIndex index() {
        return built();
    }

    private HnswIndex built() {
        if (index == null) {
            throw new IllegalStateException("ours: build() has not run");
        }
        return index;
    }
}
