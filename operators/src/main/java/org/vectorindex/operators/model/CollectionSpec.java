package org.vectorindex.operators.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.FdeConfig;
import org.vectorindex.state.multivector.MultiVectorConfig;

/**
 * Declaration of one collection, from the collections file: everything that shapes its index, the
 * seed included, so every restart and rescale rebuilds identical graphs. Serializable because it
 * travels inside Flink functions: the operators read each collection's shards and index configs
 * from it.
 *
 * <p>For a multi-vector collection {@code m}, {@code efConstruction} and {@code seed} shape the
 * HNSW graph over the document FDEs; the seed also seeds every FDE matrix, so an FDE is identical
 * across restarts and rescales.
 *
 * @param storedEncoding how an HNSW collection keeps its vectors (FLOAT32, or INT8: one byte per
 *     component in memory and in keyed state); a multi-vector collection sets its own in {@code
 *     multivector}
 */
@PublicEvolving
public record CollectionSpec(
        String name,
        CollectionType type,
        int dimension,
        Metric metric,
        int m,
        int efConstruction,
        int ef,
        int shards,
        long seed,
        MultiVectorParams multiVector,
        StoredEncoding storedEncoding)
        implements Serializable {

    public static final int DEFAULT_SHARDS = 4;
    public static final int MAX_SHARDS = 4096;
    public static final int MAX_DIMENSION = 65_536;

    /** Largest per-query {@code ef} a record may ask for. */
    public static final int MAX_EF = 10_000;

    /** Largest {@code k} a query may ask for (k is in 1..1000). */
    public static final int MAX_K = 1000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public CollectionSpec {
        Objects.requireNonNull(name, "collection name is missing");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "collection name '"
                            + name
                            + "' must be 1-128 characters of letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(type, "collection " + name + ": type is missing");
        Objects.requireNonNull(metric, "collection " + name + ": metric is missing");
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "collection " + name + ": dimension must be in 1.." + MAX_DIMENSION);
        }
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "collection " + name + ": shards must be in 1.." + MAX_SHARDS);
        }
        if (ef < 1 || ef > MAX_EF) {
            throw new IllegalArgumentException(
                    "collection " + name + ": ef must be in 1.." + MAX_EF + ", got " + ef);
        }
        if (type == CollectionType.MULTIVECTOR && multiVector == null) {
            multiVector = MultiVectorParams.defaults();
        }
        if (type == CollectionType.HNSW && multiVector != null) {
            throw new IllegalArgumentException(
                    "collection " + name + ": multivector settings need type multivector");
        }
        Objects.requireNonNull(
                storedEncoding, "collection " + name + ": storedEncoding is missing");
        if (type == CollectionType.MULTIVECTOR && storedEncoding != StoredEncoding.FLOAT32) {
            throw new IllegalArgumentException(
                    "collection "
                            + name
                            + ": a multivector collection sets multivector.storedEncoding");
        }
        // validates m and efConstruction with the index core's own rules
        indexConfig(
                type, dimension, metric, m, efConstruction, ef, seed, multiVector, storedEncoding);
    }

    /** A collection with float32 vectors. */
    public CollectionSpec(
            String name,
            CollectionType type,
            int dimension,
            Metric metric,
            int m,
            int efConstruction,
            int ef,
            int shards,
            long seed,
            MultiVectorParams multiVector) {
        this(
                name,
                type,
                dimension,
                metric,
                m,
                efConstruction,
                ef,
                shards,
                seed,
                multiVector,
                StoredEncoding.FLOAT32);
    }

    /** An HNSW collection with default m, efConstruction, ef, shards and seed. */
    public static CollectionSpec hnsw(String name, int dimension, Metric metric) {
        return new CollectionSpec(
                name,
                CollectionType.HNSW,
                dimension,
                metric,
                HnswConfig.DEFAULT_M,
                HnswConfig.DEFAULT_EF_CONSTRUCTION,
                HnswConfig.DEFAULT_EF,
                DEFAULT_SHARDS,
                HnswConfig.DEFAULT_SEED,
                null);
    }

    /**
     * An HNSW collection whose shards' graphs have {@code config}. The collections file has no
     * consolidateFraction, so {@code config} must keep the default one.
     */
    public static CollectionSpec of(String name, int shards, HnswConfig config) {
        Objects.requireNonNull(config, "collection " + name + ": HNSW config is missing");
        if (config.consolidateFraction() != HnswConfig.DEFAULT_CONSOLIDATE_FRACTION) {
            throw new IllegalArgumentException(
                    "collection "
                            + name
                            + ": consolidateFraction must be the default "
                            + HnswConfig.DEFAULT_CONSOLIDATE_FRACTION
                            + ", got "
                            + config.consolidateFraction());
        }
        return new CollectionSpec(
                name,
                CollectionType.HNSW,
                config.dimension(),
                config.metric(),
                config.m(),
                config.efConstruction(),
                config.defaultEf(),
                shards,
                config.seed(),
                null,
                config.storedEncoding());
    }

    /**
     * A multi-vector collection of {@code dimension}-dimensional tokens. {@code ef} is the default
     * search beam; a search reranks at least {@code params.candidates()} FDE candidates.
     */
    public static CollectionSpec multiVector(
            String name,
            int shards,
            int dimension,
            int m,
            int efConstruction,
            int ef,
            long seed,
            MultiVectorParams params) {
        // the constructor would fill in defaults; a caller that passes none has made a mistake
        if (params == null) {
            throw new IllegalArgumentException(
                    "collection " + name + ": multivector settings are missing");
        }
        return new CollectionSpec(
                name,
                CollectionType.MULTIVECTOR,
                dimension,
                Metric.COSINE,
                m,
                efConstruction,
                ef,
                shards,
                seed,
                params);
    }

    /** The same collection with another number of shards. */
    public CollectionSpec withShards(int newShards) {
        return new CollectionSpec(
                name,
                type,
                dimension,
                metric,
                m,
                efConstruction,
                ef,
                newShards,
                seed,
                multiVector,
                storedEncoding);
    }

    public boolean isMultiVector() {
        return type == CollectionType.MULTIVECTOR;
    }

    /**
     * Config of each shard's HNSW graph. For a multi-vector collection the graph holds document
     * FDEs, so its dimension is the FDE dimension and its metric inner product.
     */
    public HnswConfig indexConfig() {
        return indexConfig(
                type, dimension, metric, m, efConstruction, ef, seed, multiVector, storedEncoding);
    }

    /**
     * Config of the vectors a record carries and of a search's default ef. For an HNSW collection
     * it is {@link #indexConfig}; for a multi-vector one it describes one token: the token
     * dimension, cosine (tokens are always normalised) and float32 as records carry them.
     */
    public HnswConfig vectorConfig() {
        if (!isMultiVector()) {
            return indexConfig();
        }
        return indexConfig(
                CollectionType.HNSW,
                dimension,
                Metric.COSINE,
                m,
                efConstruction,
                ef,
                seed,
                null,
                StoredEncoding.FLOAT32);
    }

    /**
     * The multi-vector index config of each shard; only for a multi-vector collection. It is
     * derived on demand because {@link MultiVectorConfig} is not Serializable.
     *
     * @throws IllegalArgumentException if the multivector settings do not fit together (e.g. more
     *     pooled vectors than tokens), which the constructor leaves to the index that needs them
     */
    public MultiVectorConfig multiVectorConfig() {
        if (!isMultiVector()) {
            throw new IllegalStateException("collection " + name + " is not multivector");
        }
        try {
            FdeConfig fde =
                    FdeConfig.builder()
                            .dimension(dimension)
                            .repetitions(multiVector.fdeRepetitions())
                            .kSim(multiVector.fdeSimhashBits())
                            .dProj(multiVector.fdeProjectionDim())
                            .finalDimension(multiVector.fdeFinalDim())
                            .seed(seed)
                            .build();
            return MultiVectorConfig.builder()
                    .dimension(dimension)
                    .maxTokens(multiVector.maxTokens())
                    .storedEncoding(multiVector.storedEncoding())
                    .pooledTokens(multiVector.pooledVectors())
                    .fde(fde)
                    .hnswM(m)
                    .efConstruction(efConstruction)
                    .hnswSeed(seed)
                    .defaultCandidates(multiVector.candidates())
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("collection '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The shard of a record id; the one routing rule is {@link ShardKey#shardOf}. */
    public int shardOf(String id) {
        return ShardKey.shardOf(id, shards);
    }

    private static HnswConfig indexConfig(
            CollectionType type,
            int dimension,
            Metric metric,
            int m,
            int efConstruction,
            int ef,
            long seed,
            MultiVectorParams multiVector,
            StoredEncoding storedEncoding) {
        boolean multi = type == CollectionType.MULTIVECTOR;
        return HnswConfig.builder()
                .dimension(multi ? multiVector.fdeDimension() : dimension)
                .metric(multi ? Metric.DOT : metric)
                .m(m)
                .efConstruction(efConstruction)
                .defaultEf(ef)
                .seed(seed)
                .storedEncoding(storedEncoding)
                .build();
    }
}
