package org.vectorindex.state.multivector;

import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Everything that shapes a multi-vector collection. It holds the FDE seed (inside {@link #fde()})
 * and the HNSW seed, so a collection rebuilt from its stored config and pooled vectors answers
 * exactly as before.
 *
 * @param dimension token dimension
 * @param maxTokens the most tokens a document or query may have
 * @param pooledTokens m: documents are pooled to at most this many vectors
 * @param pooling pooling method
 * @param fde FDE parameters; its dimension must equal {@code dimension}
 * @param fdeSource whether document FDEs encode the raw tokens or the pooled vectors
 * @param candidateSearch HNSW or exhaustive FDE scan
 * @param hnswM HNSW M
 * @param efConstruction HNSW efConstruction
 * @param hnswSeed HNSW level seed
 * @param defaultCandidates k' when a search does not give it
 * @param pruning query-token pruning, or null for none
 * @param storedEncoding how the stored (pooled) vectors are kept: {@link StoredEncoding#FLOAT32}
 *     (default, bit-exact) or {@link StoredEncoding#INT8} (one byte per component, a quarter of the
 *     bytes, so even unpooled documents meet a quarter-of-raw storage bound); the FDE is computed
 *     from float vectors either way
 */
@Internal
public record MultiVectorConfig(
        int dimension,
        int maxTokens,
        int pooledTokens,
        PoolingMethod pooling,
        FdeConfig fde,
        FdeSource fdeSource,
        CandidateSearch candidateSearch,
        int hnswM,
        int efConstruction,
        long hnswSeed,
        int defaultCandidates,
        QueryPruning pruning,
        StoredEncoding storedEncoding) {

    public static final int DEFAULT_MAX_TOKENS = 512;
    public static final int DEFAULT_POOLED_TOKENS = 16;
    public static final PoolingMethod DEFAULT_POOLING = PoolingMethod.WARD;
    public static final int DEFAULT_CANDIDATES = 200;
    public static final StoredEncoding DEFAULT_STORED_ENCODING = StoredEncoding.FLOAT32;

    public MultiVectorConfig {
        Objects.requireNonNull(pooling, "pooling is missing");
        Objects.requireNonNull(fde, "fde config is missing");
        Objects.requireNonNull(fdeSource, "fdeSource is missing");
        Objects.requireNonNull(candidateSearch, "candidateSearch is missing");
        Objects.requireNonNull(storedEncoding, "storedEncoding is missing (FLOAT32 or INT8)");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (fde.dimension() != dimension) {
            throw new IllegalArgumentException(
                    "fde dimension "
                            + fde.dimension()
                            + " differs from token dimension "
                            + dimension);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (pooledTokens < 1 || pooledTokens > maxTokens) {
            throw new IllegalArgumentException(
                    "pooledTokens must be in 1.." + maxTokens + ", got " + pooledTokens);
        }
        if (hnswM < 2) {
            throw new IllegalArgumentException("hnswM must be at least 2, got " + hnswM);
        }
        if (efConstruction < 1) {
            throw new IllegalArgumentException(
                    "efConstruction must be at least 1, got " + efConstruction);
        }
        if (defaultCandidates < 1) {
            throw new IllegalArgumentException(
                    "defaultCandidates must be at least 1, got " + defaultCandidates);
        }
    }

    /**
     * The config of the HNSW graph that holds the document FDEs under inner product: one derivation
     * shared by the in-memory index and its keyed-state restore, so a restored graph has exactly
     * the shape of the original. Its default ef is the default candidate count.
     */
    public HnswConfig candidateGraphConfig() {
        return HnswConfig.builder()
                .dimension(fde.outputDimension())
                .metric(Metric.DOT)
                .m(hnswM)
                .efConstruction(efConstruction)
                .defaultEf(defaultCandidates)
                .seed(hnswSeed)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fails fast, naming the missing setting. Defaults are the measured ones. */
    public static final class Builder {
        private Integer dimension;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private int pooledTokens = DEFAULT_POOLED_TOKENS;
        private PoolingMethod pooling = DEFAULT_POOLING;
        private FdeConfig fde;
        private FdeSource fdeSource = FdeSource.RAW_TOKENS;
        private CandidateSearch candidateSearch = CandidateSearch.HNSW;
        private int hnswM = 16;
        private int efConstruction = 100;
        private long hnswSeed = 42L;
        private int defaultCandidates = DEFAULT_CANDIDATES;
        private QueryPruning pruning;
        private StoredEncoding storedEncoding = DEFAULT_STORED_ENCODING;

        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder pooledTokens(int pooledTokens) {
            this.pooledTokens = pooledTokens;
            return this;
        }

        public Builder pooling(PoolingMethod pooling) {
            this.pooling = pooling;
            return this;
        }

        /** FDE parameters; when unset, the defaults of {@link FdeConfig.Builder} are used. */
        public Builder fde(FdeConfig fde) {
            this.fde = fde;
            return this;
        }

        public Builder fdeSource(FdeSource fdeSource) {
            this.fdeSource = fdeSource;
            return this;
        }

        public Builder candidateSearch(CandidateSearch candidateSearch) {
            this.candidateSearch = candidateSearch;
            return this;
        }

        public Builder hnswM(int hnswM) {
            this.hnswM = hnswM;
            return this;
        }

        public Builder efConstruction(int efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        public Builder hnswSeed(long hnswSeed) {
            this.hnswSeed = hnswSeed;
            return this;
        }

        public Builder defaultCandidates(int defaultCandidates) {
            this.defaultCandidates = defaultCandidates;
            return this;
        }

        public Builder pruning(QueryPruning pruning) {
            this.pruning = pruning;
            return this;
        }

        /** FLOAT32 (default) or INT8 stored vectors; see {@link StoredEncoding}. */
        public Builder storedEncoding(StoredEncoding storedEncoding) {
            this.storedEncoding = storedEncoding;
            return this;
        }

        public MultiVectorConfig build() {
            if (dimension == null) {
                throw new IllegalStateException("MultiVectorConfig: dimension is not set");
            }
            FdeConfig f = fde != null ? fde : FdeConfig.builder().dimension(dimension).build();
            return new MultiVectorConfig(
                    dimension,
                    maxTokens,
                    pooledTokens,
                    pooling,
                    f,
                    fdeSource,
                    candidateSearch,
                    hnswM,
                    efConstruction,
                    hnswSeed,
                    defaultCandidates,
                    pruning,
                    storedEncoding);
        }
    }
}
