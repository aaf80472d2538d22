package org.vectorindex.operators.routing;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.CollectionType;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.multivector.FdeConfig;
import org.vectorindex.state.multivector.MultiVectorConfig;

/**
 * What the operators need to know about one collection: its name, its number of shards, its kind
 * and the parameters of each shard's index. It is Serializable because the functions that hold it
 * are shipped to the task managers ({@link MultiVectorConfig} is not, so it is derived on demand);
 * the job maps the parsed collections file onto it with {@link #of} or {@link #multiVector}.
 *
 * <p>For a multi-vector collection the HNSW config's {@code dimension} is the token dimension, and
 * its {@code m}, {@code efConstruction} and {@code seed} shape the HNSW graph over the document
 * FDEs; the seed also seeds every FDE matrix, so an FDE is identical across restarts and rescales.
 * Only its dimension and default ef are used by the operator; the FDE graph's own config is inside
 * {@link #multiVectorConfig}.
 *
 * @param type kind of index behind each shard
 * @param hnswConfig HNSW parameters; FLOAT32 for multivector (its stored vectors' encoding is in
 *     {@code multiVector})
 * @param multiVector multi-vector settings, exactly when {@code type} is multivector
 */
@Internal
public record CollectionLayout(
        String name,
        int shards,
        CollectionType type,
        HnswConfig hnswConfig,
        MultiVectorParams multiVector)
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
        if (hnswConfig == null) {
            throw new IllegalArgumentException("collection '" + name + "': HNSW config is missing");
        }
        if (multiVector != null) {
            try {
                multiVectorConfig(hnswConfig, multiVector);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(
                        "collection '" + name + "': " + e.getMessage(), e);
            }
        }
    }

    /** A single-vector (HNSW) collection. */
    public static CollectionLayout of(String name, int shards, HnswConfig config) {
        return new CollectionLayout(name, shards, CollectionType.HNSW, config, null);
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
        HnswConfig tokens =
                HnswConfig.builder()
                        .dimension(dimension)
                        .metric(Metric.COSINE)
                        .m(m)
                        .efConstruction(efConstruction)
                        .defaultEf(ef)
                        .seed(seed)
                        .build();
        return new CollectionLayout(name, shards, CollectionType.MULTIVECTOR, tokens, params);
    }

    public boolean isMultiVector() {
        return type == CollectionType.MULTIVECTOR;
    }

    /** The multi-vector index config of each shard; only for type multiVector. */
    public MultiVectorConfig multiVectorConfig() {
        if (multiVector == null) {
            throw new IllegalStateException("collection '" + name + "' is not multivector");
        }
        return multiVectorConfig(hnswConfig, multiVector);
    }

    private static MultiVectorConfig multiVectorConfig(HnswConfig hnsw, MultiVectorParams p) {
        FdeConfig fde =
                FdeConfig.builder()
                        .dimension(hnsw.dimension())
                        .repetitions(p.fdeRepetitions())
                        .kSim(p.fdeSimhashBits())
                        .dProj(p.fdeProjectionDim())
                        .finalDimension(p.fdeFinalDim())
                        .seed(hnsw.seed())
                        .build();
        return MultiVectorConfig.builder()
                .dimension(hnsw.dimension())
                .maxTokens(p.maxTokens())
                .storedEncoding(p.storedEncoding())
                .pooledTokens(p.pooledVectors())
                .fde(fde)
                .hnswM(hnsw.m())
                .efConstruction(hnsw.efConstruction())
                .hnswSeed(hnsw.seed())
                .defaultCandidates(p.candidates())
                .build();
    }
}
