package org.vectorindex.operators.routing;

import java.io.Serializable;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * What the operators need to know about one collection: its name, its number of shards and the HNSW
 * parameters of each shard's index. It is Serializable because the functions that hold it are
 * shipped to the task managers ({@link HnswConfig} is not); the job maps the parsed collections
 * file onto it with {@link #of}.
 */
public record CollectionLayout(
        String name,
        int shards,
        int dimension,
        Metric metric,
        int m,
        int efConstruction,
        int defaultEf,
        long seed,
        double consolidateFraction)
        implements Serializable {

    /** Largest k a query or subscription may ask for. */
    public static final int MAX_K = 1000;

    public CollectionLayout {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("collection name is missing");
        }
        if (shards < 1) {
            throw new IllegalArgumentException(
                    "collection '" + name + "': shards must be at least 1, got " + shards);
        }
        // Validates the HNSW parameters with the index's own messages.
        new HnswConfig(dimension, metric, m, efConstruction, defaultEf, seed, consolidateFraction);
    }

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
                config.consolidateFraction());
    }

    public HnswConfig hnswConfig() {
        return new HnswConfig(
                dimension, metric, m, efConstruction, defaultEf, seed, consolidateFraction);
    }
}
