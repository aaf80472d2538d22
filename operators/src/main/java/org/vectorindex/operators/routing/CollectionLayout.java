package org.vectorindex.operators.routing;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.CollectionType;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.multivector.FdeConfig;
import org.vectorindex.state.multivector.MultiVectorConfig;

/**
 * What the operators need to know about one collection: its name, its number of shards, its kind
 * and the parameters of each shard's index. It is Serializable because the functions that hold it
 * are shipped to the task managers ({@link HnswConfig} and {@link MultiVectorConfig} are not); the
 * job maps the parsed collections file onto it with {@link #of} or {@link #multiVector}.
 *
 * <p>For a multi-vector collection {@code dimension} is the token dimension, and {@code m}, {@code
 * efConstruction} and {@code seed} shape the HNSW graph over the document FDEs; the seed also seeds
 * every FDE matrix, so an FDE is identical across restarts and rescales.
 *
 * @param type kind of index behind each shard
 * @param multiVector multi-vector settings, exactly when {@code type} is multivector
 * @param storedEncoding how an HNSW collection's graph keeps its vectors; FLOAT32 for multivector
 *     (its stored vectors' encoding is in {@code multiVector})
 */
@Internal
public record CollectionLayout(
        String name,
        int shards,
        int dimension,
        Metric metric,
        int m,
        int efConstruction,
        int defaultEf,
        long seed,
        double consolidateFraction,
        CollectionType type,
        MultiVectorParams multiVector,
        StoredEncoding storedEncoding)
        implements Serializable {

    public CollectionLayout {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("collection name is missing");
        }
        if (shards < 1) {
            throw new IllegalArgumentException(
                    "collection '" + name + "': shards must be at least 1, got " + shards);
        }
        if (type == null) {
            throw new IllegalArgumentException("collection '" + name + "': type is missing");
        }
        if ((type == CollectionType.MULTIVECTOR) != (multiVector != null)) {
            throw new IllegalArgumentException(
                    "collection '"
                            + name
                            + "': multivector settings are needed exactly for type multivector");
        }
        if (storedEncoding == null) {
            storedEncoding = StoredEncoding.FLOAT32;
        }
        HnswConfig.validate(dimension, metric, m, efConstruction, defaultEf, consolidateFraction);
        if (multiVector != null) {
            try {
                multiVectorConfig(dimension, m, efConstruction, seed, multiVector);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(
                        "collection '" + name + "': " + e.getMessage(), e);
            }
        }
    }

    /** A single-vector (HNSW) collection. */
    public static CollectionLayout of(String name, int shards, HnswConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("collection '" + name + "': HNSW config is missing");
        }
        return new CollectionLayout(
                name,
                shards,
                config.dimension(),
                config.metric(),
                config.m(),
                config.efConstruction(),
                config.defaultEf(),
                config.seed(),
                config.consolidateFraction(),
                CollectionType.HNSW,
                null,
                config.storedEncoding());
    }

    /**
     * A multi-vector collection of {@code dimension}-dimensional tokens. {@code ef} is the default
     * search beam; a search reranks at least {@code params.candidates()} FDE candidates.
     */
    public static CollectionLayout multiVector(
            String name,
            int shards,
            int dimension,
            int m,
            int efConstruction,
            int ef,
            long seed,
            MultiVectorParams params) {
        if (params == null) {
            throw new IllegalArgumentException(
                    "collection '" + name + "': multivector settings are missing");
        }
        return new CollectionLayout(
                name,
                shards,
                dimension,
                Metric.COSINE,
                m,
                efConstruction,
                ef,
                seed,
                HnswConfig.DEFAULT_CONSOLIDATE_FRACTION,
                CollectionType.MULTIVECTOR,
                params,
                StoredEncoding.FLOAT32);
    }

    public boolean isMultiVector() {
        return type == CollectionType.MULTIVECTOR;
    }

    /**
     * HNSW parameters. For a multi-vector collection only its dimension (the token dimension) and
     * default ef are used by the operator; the FDE graph's own config is inside {@link
     * #multiVectorConfig}.
     */
    public HnswConfig hnswConfig() {
        return HnswConfig.builder()
                .dimension(dimension)
                .metric(metric)
                .m(m)
                .efConstruction(efConstruction)
                .defaultEf(defaultEf)
                .seed(seed)
                .consolidateFraction(consolidateFraction)
                .storedEncoding(storedEncoding)
                .build();
    }

    /** The multi-vector index config of each shard; only for type multiVector. */
    public MultiVectorConfig multiVectorConfig() {
        if (multiVector == null) {
            throw new IllegalStateException("collection '" + name + "' is not multivector");
        }
        return multiVectorConfig(dimension, m, efConstruction, seed, multiVector);
    }

    private static MultiVectorConfig multiVectorConfig(
            int dimension, int m, int efConstruction, long seed, MultiVectorParams p) {
        FdeConfig fde =
                FdeConfig.builder()
                        .dimension(dimension)
                        .repetitions(p.fdeRepetitions())
                        .kSim(p.fdeSimhashBits())
                        .dProj(p.fdeProjectionDim())
                        .finalDimension(p.fdeFinalDim())
                        .seed(seed)
                        .build();
        return MultiVectorConfig.builder()
                .dimension(dimension)
                .maxTokens(p.maxTokens())
                .storedEncoding(p.storedEncoding())
                .pooledTokens(p.pooledVectors())
                .fde(fde)
                .hnswM(m)
                .efConstruction(efConstruction)
                .hnswSeed(seed)
                .defaultCandidates(p.candidates())
                .build();
    }
}
