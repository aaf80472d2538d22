package org.vectorindex.state.multivector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Int8Codec;
import org.vectorindex.state.math.StoredEncoding;

/**
 * A constant-space multi-vector (late-interaction) collection: documents are pooled to at most m
 * vectors at ingest, their MUVERA FDEs go into an HNSW graph under inner product, and a query
 * reranks the graph's top k' candidates by exact MaxSim over the pooled vectors.
 *
 * <p>Persistence: the pooled vectors ({@link #pooled}) and the FDE ({@link #fde}) per id, plus the
 * config, are the complete durable image. {@link #restore(String, float[][], float[])} puts them
 * back without re-pooling, re-normalising or re-encoding, so the graph comes out bit-identical to
 * the original when the same operations are replayed in the same order. With {@link
 * FdeSource#POOLED} the FDE is recomputable and the pooled vectors alone suffice. Keyed state uses
 * {@link #restore(MultiVectorConfig, HnswIndex, Map, Map)} instead, which wraps a candidate graph
 * restored bit-identically from its own change log, and {@link #drainChanges} to write only the ids
 * that changed.
 *
 * <p>Stored vectors are float32 or, with {@link StoredEncoding#INT8}, one byte per component
 * ({@link Int8Codec}); {@link #pooled} and {@link #pooledFlat} then give them back dequantized and
 * {@link #pooledCodes} gives the codes keyed state persists. The FDE is always computed before
 * quantization (from the raw tokens, or under {@link FdeSource#POOLED} from the stored vectors as
 * they read back, so it stays recomputable).
 *
 * <p>Not thread-safe: like the HNSW index, one instance belongs to one Flink key.
 */
@Internal
public final class MultiVectorIndex {
    private final MultiVectorConfig config;
    private final int dim;
    private final TokenPooler pooler;
    private final FdeEncoder encoder;
    private final FdeCandidateIndex candidates;
    private final MaxSimReranker reranker;
    private final CollectionCentroid centroid;
    private final PooledVectorStore pooled;
    private final Set<String> changed = new HashSet<>();

    public MultiVectorIndex(MultiVectorConfig config) {
        this(
                config,
                switch (config.candidateSearch()) {
                    case HNSW -> new HnswCandidateIndex(config);
                    case EXACT -> new ExactCandidateIndex();
                });
    }

    /** With the given candidate index. */
    MultiVectorIndex(MultiVectorConfig config, FdeCandidateIndex candidates) {
        this.config = config;
        this.dim = config.dimension();
        this.pooler = config.pooling().create();
        this.encoder = new FdeEncoder(config.fde());
        this.candidates = candidates;
        this.reranker = new MaxSimReranker(dim);
        this.centroid = new CollectionCentroid(dim);
        this.pooled = PooledVectorStore.create(config.storedEncoding(), dim);
    }

    /**
     * Rebuilds an index from its durable image without re-inserting anything, so it is
     * bit-identical to the original: the candidate graph as restored by {@code HnswIndex.restore}
     * (HNSW collections), or the FDE per id (EXACT collections), plus the pooled vectors per id
     * (flat, row-major). The collection centroid is summed again from the pooled vectors; its
     * fixed-point sum does not depend on the order.
     *
     * @param candidateGraph the restored FDE graph under HNSW, null under EXACT
     * @param pooledVectors pooled vectors per id; taken as they are (no pooling or normalising)
     * @param exactFdes FDE per id under EXACT, null under HNSW
     * @throws IllegalStateException when the parts do not belong together (other ids, another graph
     *     shape or dimension)
     */
    public static MultiVectorIndex restore(
            MultiVectorConfig config,
            HnswIndex candidateGraph,
            Map<String, float[]> pooledVectors,
            Map<String, float[]> exactFdes) {
        return restore(config, candidateGraph, pooledVectors, Map.of(), exactFdes);
    }

    /**
     * As {@link #restore(MultiVectorConfig, HnswIndex, Map, Map)}, where each id's stored vectors
     * come either as floats ({@code pooledVectors}; re-quantized under INT8, which reproduces the
     * original codes when they are dequantized codes) or as INT8 codes ({@code int8Codes}, INT8
     * collections only), never both.
     */
    public static MultiVectorIndex restore(
            MultiVectorConfig config,
            HnswIndex candidateGraph,
            Map<String, float[]> pooledVectors,
            Map<String, byte[]> int8Codes,
            Map<String, float[]> exactFdes) {
        return MultiVectorRestore.restore(
                config, candidateGraph, pooledVectors, int8Codes, exactFdes);
    }

    /** Puts back one document's stored floats as they are (keyed-state restore). */
    void restoreStored(String id, float[] pool) {
        centroid.add(pooled.put(id, pool));
    }

    /** Puts back one document's INT8 codes as persisted (keyed-state restore). */
    void restoreStoredCodes(String id, byte[] codes) {
        centroid.add(pooled.putCodes(id, codes));
    }

    void restoreCheck(String id, int components, HnswIndex graph, Map<String, float[]> exactFdes) {
        if (components == 0 || components % dim != 0 || components / dim > config.pooledTokens()) {
            throw new IllegalStateException(
                    "stored pooled vectors of '" + id + "' do not fit " + config);
        }
        if (graph != null && !graph.contains(id)) {
            throw new IllegalStateException("'" + id + "' is missing from the candidate graph");
        }
        if (exactFdes != null) {
            float[] fde = exactFdes.get(id);
            if (fde == null || fde.length != encoder.outputDimension()) {
                throw new IllegalStateException("stored FDE of '" + id + "' is missing");
            }
            candidates.upsert(id, fde.clone());
        }
    }

    void restoreCount(HnswIndex graph, Map<String, float[]> exactFdes) {
        int candidateCount = graph != null ? graph.size() : exactFdes.size();
        if (candidateCount != pooled.size()) {
            throw new IllegalStateException(
                    "candidate index holds "
                            + candidateCount
                            + " documents but "
                            + pooled.size()
                            + " have pooled vectors");
        }
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
        ingest(id, TokenInput.flatten(tokens, dim, config.maxTokens(), true, null));
    }

    /**
     * As {@link #upsert(String, float[][])} for tokens laid out row-major in one array (length a
     * multiple of the dimension), so a stream can carry them without one array per token. The input
     * is not modified; the result is bit-identical to the {@code float[][]} form.
     */
    public void upsertFlat(String id, float[] flatTokens) {
        requireId(id);
        ingest(id, TokenInput.copyFlat(flatTokens, dim, config.maxTokens(), true, null));
    }

    private void ingest(String id, float[] flat) {
        int n = flat.length / dim;
        float[] pool = pooler.pool(flat, n, dim, config.pooledTokens());
        put(
                id,
                pool,
                config.fdeSource() == FdeSource.RAW_TOKENS
                        ? encoder.encodeDocument(flat, n)
                        : null);
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
        put(id, checkPooled(pooledVectors), null);
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

    /**
     * Stores the pooled vectors and indexes the FDE; a null FDE is encoded from the vectors as
     * stored (identical to {@code pool} under FLOAT32, dequantized under INT8).
     */
    private void put(String id, float[] pool, float[] fde) {
        float[] old = pooled.remove(id);
        if (old != null) {
            centroid.remove(old);
        }
        float[] stored = pooled.put(id, pool);
        centroid.add(stored);
        candidates.upsert(
                id, fde != null ? fde : encoder.encodeDocument(stored, stored.length / dim));
        changed.add(id);
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
        changed.add(id);
        return true;
    }

    /** A copy of the pooled vectors of {@code id} (what keyed state must hold), or null. */
    public float[][] pooled(String id) {
        float[] p = pooled.floats(id);
        return p == null ? null : TokenInput.unflatten(p, dim);
    }

    /** A copy of the FDE of {@code id} as indexed (what keyed state must hold), or null. */
    public float[] fde(String id) {
        return pooled.contains(id) ? candidates.vector(id) : null;
    }

    /**
     * A copy of the pooled vectors of {@code id}, row-major {@code m' × d} (dequantized under
     * INT8), or null.
     */
    public float[] pooledFlat(String id) {
        return pooled.floats(id);
    }

    /**
     * A copy of the INT8 codes of {@code id} (what keyed state holds for an INT8 collection), or
     * null when absent or when the collection stores float32.
     */
    public byte[] pooledCodes(String id) {
        return pooled.codes(id);
    }

    /**
     * Hands over, in id order, every id upserted or deleted since the last call ({@link #contains}
     * tells which), so keyed state rewrites only those. The candidate graph tracks its own changes
     * ({@code HnswIndex.drainChanges}). Until drained the set holds one reference per changed id,
     * so a purely in-memory index carries it for every id it ever wrote.
     */
    public void drainChanges(Consumer<String> changedId) {
        if (changed.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(changed);
        changed.clear();
        Collections.sort(ids);
        ids.forEach(changedId);
    }

    /**
     * A 64-bit digest of the whole durable content: the candidate index (graph digest, or every
     * FDE), the pooled vectors of every id in id order, and the centroid sum. Equal digests mean
     * identical indexes, which answer every search identically.
     */
    public long digest() {
        IndexDigest d = new IndexDigest().add(candidates.digest()).add(pooled.size());
        List<String> ids = new ArrayList<>(pooled.ids());
        Collections.sort(ids);
        for (String id : ids) {
            d.add(id);
            pooled.addTo(d, id);
        }
        centroid.addTo(d);
        return d.value();
    }

    public boolean contains(String id) {
        return pooled.contains(id);
    }

    public Set<String> ids() {
        return pooled.ids();
    }

    public int size() {
        return pooled.size();
    }

    /** Stored components (pooled vectors only, not the FDE graph) — for storage-ratio reports. */
    public long pooledFloats() {
        return pooled.components();
    }

    /**
     * Bytes of the stored vectors in the durable image: 4 per component under FLOAT32, 1 under INT8
     * (the FDE graph not included).
     */
    public long pooledBytes() {
        return pooled.storedBytes();
    }

    /** Bytes the stored vectors take in memory, including INT8's derived per-vector norms. */
    public long pooledMemoryBytes() {
        return pooled.memoryBytes();
    }

    /**
     * The HNSW graph holding the document FDEs, or null under {@link CandidateSearch#EXACT}. For
     * diagnostics and benchmarks (graph memory, search cost); callers must not modify it.
     */
    public HnswIndex candidateGraph() {
        return candidates instanceof HnswCandidateIndex h ? h.graph() : null;
    }

    /** FDE dimension. */
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
        return search(queryTokens, k, candidateCount, pruning, null);
    }

    /**
     * As {@link #search(float[][], int, int, QueryPruning)}, restricted to documents accepted by
     * {@code filter} (null accepts all). The filter applies in the candidate search, so all k'
     * candidates are eligible rather than some being dropped after the rerank.
     */
    public MultiVectorSearchResult search(
            float[][] queryTokens,
            int k,
            int candidateCount,
            QueryPruning pruning,
            Predicate<String> filter) {
        checkSearch(k, candidateCount);
        int nq = queryTokens == null ? 0 : queryTokens.length;
        float[] norms = new float[Math.max(nq, 1)];
        float[] query = TokenInput.flatten(queryTokens, dim, config.maxTokens(), true, norms);
        return searchNormalised(query, nq, norms, k, candidateCount, pruning, filter);
    }

    /**
     * As {@link #search(float[][], int, int, QueryPruning, Predicate)} for query tokens laid out
     * row-major in one array (as {@link #upsertFlat} takes documents), so a caller holding them
     * flat does not split them into rows only to have them joined again.
     */
    public MultiVectorSearchResult searchFlat(
            float[] flatQueryTokens,
            int k,
            int candidateCount,
            QueryPruning pruning,
            Predicate<String> filter) {
        checkSearch(k, candidateCount);
        int nq = flatQueryTokens == null ? 0 : flatQueryTokens.length / dim;
        float[] norms = new float[Math.max(nq, 1)];
        float[] query = TokenInput.copyFlat(flatQueryTokens, dim, config.maxTokens(), true, norms);
        return searchNormalised(query, nq, norms, k, candidateCount, pruning, filter);
    }

    private static void checkSearch(int k, int candidateCount) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (candidateCount < k) {
            throw new IllegalArgumentException(
                    "candidates (" + candidateCount + ") must be at least k (" + k + ")");
        }
    }

    /** The search proper, over validated and normalised query rows with their original norms. */
    private MultiVectorSearchResult searchNormalised(
            float[] query,
            int nq,
            float[] norms,
            int k,
            int candidateCount,
            QueryPruning pruning,
            Predicate<String> filter) {
        if (pooled.size() == 0) {
            return new MultiVectorSearchResult(List.of(), List.of(), 0, 0, 0, 0);
        }
        float[] qFde = encoder.encodeQuery(query, nq);
        List<SearchHit> cands = candidates.search(qFde, candidateCount, filter);
        int firstTokens = nq;
        int keep = cands.size();
        if (pruning != null) {
            query =
                    QueryTokenOrder.mostInformativeFirst(
                            query, nq, dim, norms, pruning.criterion(), centroid);
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

    private static void requireId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("document id is missing");
        }
    }
}
