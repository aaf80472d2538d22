package org.vectorindex.state.hnsw;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Immutable parameters of one HNSW index. Everything that shapes the graph is here, the seed
 * included, so two indexes with equal configs fed the same operations are bit-identical.
 * Serializable so that the operators' functions can carry it to the task managers.
 *
 * @param storedEncoding how the graph keeps its vectors, in memory and in its keyed-state image:
 *     {@link StoredEncoding#FLOAT32} as given, or {@link StoredEncoding#INT8} one byte per
 *     component (see {@code VectorStore}); it shapes the graph, since links are chosen by the
 *     stored vectors' scores
 */
@Internal
public record HnswConfig(
        int dimension,
        Metric metric,
        int m,
        int efConstruction,
        int defaultEf,
        long seed,
        double consolidateFraction,
        StoredEncoding storedEncoding)
        implements Serializable {

    public HnswConfig {
        Objects.requireNonNull(metric, "metric is missing");
        Objects.requireNonNull(storedEncoding, "storedEncoding is missing (FLOAT32 or INT8)");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("m must be in 2..512, got " + m);
        }
        if (efConstruction < 1) {
            throw new IllegalArgumentException(
                    "efConstruction must be at least 1, got " + efConstruction);
        }
        if (defaultEf < 1) {
            throw new IllegalArgumentException("defaultEf must be at least 1, got " + defaultEf);
        }
        if (!(consolidateFraction > 0 && consolidateFraction <= 1)) {
            throw new IllegalArgumentException(
                    "consolidateFraction must be in (0, 1], got " + consolidateFraction);
        }
    }

    // the builder's defaults
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF_CONSTRUCTION = 100;
    public static final int DEFAULT_EF = 64;
    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_CONSOLIDATE_FRACTION = 0.1;

    /** Neighbours kept per node on level 0 (twice {@code m}, as in the HNSW paper). */
    public int maxConnections(int level) {
        return level == 0 ? 2 * m : m;
    }

    /** Whether a graph built under {@code other} is a graph of this config too. */
    public boolean sameGraphShape(HnswConfig other) {
        return dimension == other.dimension
                && metric == other.metric
                && m == other.m
                && efConstruction == other.efConstruction
                && seed == other.seed
                && storedEncoding == other.storedEncoding;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fails fast, naming the missing setting. */
    public static final class Builder {
        private Integer dimension;
        private Metric metric;
        private int m = DEFAULT_M;
        private int efConstruction = DEFAULT_EF_CONSTRUCTION;
        private int defaultEf = DEFAULT_EF;
        private long seed = DEFAULT_SEED;
        private double consolidateFraction = DEFAULT_CONSOLIDATE_FRACTION;
        private StoredEncoding storedEncoding = StoredEncoding.FLOAT32;

        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        public Builder m(int m) {
            this.m = m;
            return this;
        }

        public Builder efConstruction(int efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        public Builder defaultEf(int defaultEf) {
            this.defaultEf = defaultEf;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder consolidateFraction(double consolidateFraction) {
            this.consolidateFraction = consolidateFraction;
            return this;
        }

        /** FLOAT32 (default) or INT8 vectors. */
        public Builder storedEncoding(StoredEncoding storedEncoding) {
            this.storedEncoding = storedEncoding;
            return this;
        }

        public HnswConfig build() {
            if (dimension == null) {
                throw new IllegalStateException("HnswConfig: dimension is not set");
            }
            if (metric == null) {
                throw new IllegalStateException("HnswConfig: metric is not set");
            }
            return new HnswConfig(
                    dimension,
                    metric,
                    m,
                    efConstruction,
                    defaultEf,
                    seed,
                    consolidateFraction,
                    storedEncoding);
        }
    }
}
