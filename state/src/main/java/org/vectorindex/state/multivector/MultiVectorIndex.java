package org.vectorindex.state.multivector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.VectorMath;

/**
 * A constant-space multi-vector (late-interaction) collection: documents are pooled to at most m
 * vectors at ingest, their MUVERA FDEs go into an HNSW graph under inner product, and a query
 * reranks the graph's top k' candidates by exact MaxSim over the pooled vectors.
 *
 * <p>Persistence: the pooled vectors ({@link #pooled}) and the FDE ({@link #fde}) per id, plus the
 * config, are the complete durable image. {@link #restore(String, float[][], float[])} puts them
 * back without re-pooling, re-normalising or re-encoding, so the graph comes out bit-identical to
 * the original when the same operations are replayed in the same order. With {@link
 * FdeSource#POOLED} the FDE is recomputable and the pooled vectors alone suffice.
 *
 * <p>Not thread-safe: like the HNSW index, one instance belongs to one Flink key.
 */
public final class MultiVectorIndex {
    private final MultiVectorConfig config;
    private final int dim;
    private final TokenPooler pooler;
    private final FdeEncoder encoder;
    private final FdeCandidateIndex candidates;
    private final MaxSimReranker reranker;
    private final CollectionCentroid centroid;
    private final Map<String, float[]> pooled = new HashMap<>();

    public MultiVectorIndex(MultiVectorConfig config) {
        this.config = config;
        this.dim = config.dimension();
        this.pooler = config.pooling().create();
        this.encoder = new FdeEncoder(config.fde());
        this.candidates =
                config.candidateSearch() == CandidateSearch.HNSW
                        ? new HnswCandidateIndex(
                                encoder.outputDimension(),
                                config.hnswM(),
                                config.efConstruction(),
                                config.defaultCandidates(),
                                config.hnswSeed())
                        : new ExactCandidateIndex();
        this.reranker = new MaxSimReranker(dim);
        this.centroid = new CollectionCentroid(dim);
    }

    public MultiVectorConfig config() {
        return config;
    }

    /**
     * Inserts or replaces a document: validates and normalises its tokens, pools them to at most m
     * vectors and indexes their FDE.
     *
     * @throws IllegalArgumentException for an empty list, more than {@code maxTokens} tokens, a
     *     wrong dimension, NaN, infinity or a zero vector, naming the token
     */
    public void upsert(String id, float[][] tokens) {
        requireId(id);
        float[] flat = TokenInput.flatten(tokens, dim, config.maxTokens(), true, null);
        float[] pool = pooler.pool(flat, tokens.length, dim, config.pooledTokens());
        float[] fde =
                config.fdeSource() == FdeSource.RAW_TOKENS
                        ? encoder.encodeDocument(flat, tokens.length)
                        : encoder.encodeDocument(pool, pool.length / dim);
        put(id, pool, fde);
    }

    /**
     * Puts back a document from its persisted pooled vectors ({@link #pooled}) and FDE ({@link
     * #fde}), as they are: no pooling, no normalisation, no encoding, so the result is
     * bit-identical to the original.
     */
    public void restore(String id, float[][] pooledVectors, float[] fde) {
        requireId(id);
        float[] pool = checkPooled(pooledVectors);
        if (fde == null || fde.length != encoder.outputDimension()) {
            throw new IllegalArgumentException(
                    "restored FDE must have dimension "
                            + encoder.outputDimension()
                            + ", got "
                            + (fde == null ? "none" : fde.length));
        }
        for (int i = 0; i < fde.length; i++) {
            if (!Float.isFinite(fde[i])) {
                throw new IllegalArgumentException(
                        "restored FDE component " + i + " is not finite");
            }
        }
        put(id, pool, fde.clone());
    }

    /**
     * Puts back a document from its pooled vectors alone, re-encoding the FDE from them. Only for
     * collections whose FDE source is {@link FdeSource#POOLED}; otherwise the FDE of the raw tokens
     * is needed: use {@link #restore(String, float[][], float[])}.
     */
    public void restore(String id, float[][] pooledVectors) {
        requireId(id);
        if (config.fdeSource() != FdeSource.POOLED) {
            throw new IllegalArgumentException(
                    "this collection encodes FDEs from raw tokens: restore needs the stored FDE");
        }
        float[] pool = checkPooled(pooledVectors);
        put(id, pool, encoder.encodeDocument(pool, pool.length / dim));
    }

    private float[] checkPooled(float[][] pooledVectors) {
        if (pooledVectors != null && pooledVectors.length > config.pooledTokens()) {
            throw new IllegalArgumentException(
                    "restored document has "
                            + pooledVectors.length
                            + " pooled vectors, more than m = "
                            + config.pooledTokens());
        }
        return TokenInput.flatten(pooledVectors, dim, config.pooledTokens(), false, null);
    }

    private void put(String id, float[] pool, float[] fde) {
        candidates.upsert(id, fde);
        float[] old = pooled.put(id, pool);
        if (old != null) {
            centroid.remove(old);
        }
        centroid.add(pool);
    }

    /** Removes a document; returns whether it was present. */
    public boolean delete(String id) {
        requireId(id);
        float[] old = pooled.remove(id);
        if (old == null) {
            return false;
        }
        centroid.remove(old);
        candidates.delete(id);
        return true;
    }

    /** A copy of the pooled vectors of {@code id} (what keyed state must hold), or null. */
    public float[][] pooled(String id) {
        float[] p = pooled.get(id);
        return p == null ? null : TokenInput.unflatten(p, dim);
    }

    /** A copy of the FDE of {@code id} as indexed (what keyed state must hold), or null. */
    public float[] fde(String id) {
        return pooled.containsKey(id) ? candidates.vector(id) : null;
    }

    public boolean contains(String id) {
        return pooled.containsKey(id);
    }

    public Set<String> ids() {
        return java.util.Collections.unmodifiableSet(pooled.keySet());
    }

    public int size() {
        return pooled.size();
    }

    /** Stored floats (pooled vectors only, not the FDE graph) — for storage-ratio reports. */
    public long pooledFloats() {
        long s = 0;
        for (float[] p : pooled.values()) {
            s += p.length;
        }
        return s;
    }

    /**
     * The HNSW graph holding the document FDEs, or null under {@link CandidateSearch#EXACT}. For
     * diagnostics and benchmarks (graph memory, search cost); callers must not modify it.
     */
    public HnswIndex candidateGraph() {
        return candidates instanceof HnswCandidateIndex h ? h.graph() : null;
    }

    public int fdeDimension() {
        return encoder.outputDimension();
    }

    /** Search with the config's default candidates and pruning. */
    public MultiVectorSearchResult search(float[][] queryTokens, int k) {
        return search(queryTokens, k, config.defaultCandidates(), config.pruning());
    }

    public MultiVectorSearchResult search(float[][] queryTokens, int k, int candidateCount) {
        return search(queryTokens, k, candidateCount, config.pruning());
    }

    /**
     * FDE of the query, top {@code candidateCount} from the candidate index, exact MaxSim over the
     * candidates' pooled vectors, top k.
     *
     * @param pruning query-token pruning, or null for a full rerank
     */
    public MultiVectorSearchResult search(
            float[][] queryTokens, int k, int candidateCount, QueryPruning pruning) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (candidateCount < k) {
            throw new IllegalArgumentException(
                    "candidates (" + candidateCount + ") must be at least k (" + k + ")");
        }
        int nq = queryTokens == null ? 0 : queryTokens.length;
        float[] norms = new float[Math.max(nq, 1)];
        float[] query = TokenInput.flatten(queryTokens, dim, config.maxTokens(), true, norms);
        if (pooled.isEmpty()) {
            return new MultiVectorSearchResult(List.of(), List.of(), 0, 0, 0, 0);
        }
        float[] qFde = encoder.encodeQuery(query, nq);
        List<SearchHit> cands = candidates.search(qFde, candidateCount);
        int firstTokens = nq;
        int keep = cands.size();
        if (pruning != null) {
            query = orderByInformativeness(query, nq, norms, pruning.criterion());
            firstTokens = Math.max(1, (int) Math.ceil(pruning.tokenFraction() * nq));
            keep = Math.max(k, (int) Math.ceil(pruning.keepFraction() * cands.size()));
        }
        long[] mads = new long[1];
        List<SearchHit> hits =
                reranker.rerank(query, nq, cands, pooled, k, firstTokens, keep, mads);
        return new MultiVectorSearchResult(
                hits,
                cands.subList(0, Math.min(k, cands.size())),
                encoder.encodeMultiplyAdds(nq),
                candidates.lastSearchMultiplyAdds(),
                mads[0],
                cands.size());
    }

    /** Query rows reordered most informative first (stable: ties keep their input order). */
    private float[] orderByInformativeness(
            float[] query, int nq, float[] norms, PruningCriterion criterion) {
        float[] key = new float[nq]; // higher = more informative
        if (criterion == PruningCriterion.NORM) {
            System.arraycopy(norms, 0, key, 0, nq);
        } else {
            float[] mean = centroid.direction();
            for (int i = 0; i < nq; i++) {
                key[i] = mean == null ? 0f : -VectorMath.dot(query, i * dim, mean, 0, dim);
            }
        }
        int[] order = new int[nq];
        for (int i = 0; i < nq; i++) {
            int j = i;
            while (j > 0 && key[order[j - 1]] < key[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        float[] out = new float[query.length];
        for (int i = 0; i < nq; i++) {
            System.arraycopy(query, order[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    private static void requireId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("document id is missing");
        }
    }
}
