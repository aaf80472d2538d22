package org.vectorindex.operators.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Declaration of one collection, from the collections file: everything that shapes its index, the
 * seed included, so every restart and rescale rebuilds identical graphs. Serializable because it
 * travels inside Flink functions.
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
