package org.vectorindex.state.multivector;

import org.apache.flink.annotation.Internal;

/**
 * Parameters of a MUVERA fixed-dimensional encoding (Dhulipala et al., "MUVERA: Multi-Vector
 * Retrieval via Fixed Dimensional Encodings", 2024). The seed is part of the config because every
 * random matrix is derived from it: a collection that stores its config gets bit-identical FDEs
 * after a restart, a restore or a rescale.
 *
 * @param dimension token dimension d
 * @param repetitions R, independent SimHash partitions whose encodings are concatenated
 * @param kSim SimHash hyperplanes per repetition (2^kSim buckets)
 * @param dProj inner projection size per bucket; equals {@code dimension} when the projection is
 *     the identity
 * @param identityProjection skip the random ±1 inner projection (then {@code dProj == dimension})
 * @param finalDimension Count-Sketch output size, or 0 for no final projection
 * @param seed seed of all random matrices
 */
@Internal
public record FdeConfig(
        int dimension,
        int repetitions,
        int kSim,
        int dProj,
        boolean identityProjection,
        int finalDimension,
        long seed) {

    /**
     * Defaults (20, 4, 8), chosen on GloVe word sets at 10,000 documents (package documentation):
     * at about 1% of brute-force multiply-adds it gave the best recall of the paper's Pareto
     * points, because HNSW's cost grows with the FDE dimension.
     */
    public static final int DEFAULT_REPETITIONS = 20;

    public static final int DEFAULT_K_SIM = 4;
    public static final int DEFAULT_D_PROJ = 8;
    public static final long DEFAULT_SEED = 42L;

    public FdeConfig {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (repetitions < 1 || repetitions > 1024) {
            throw new IllegalArgumentException(
                    "repetitions must be in 1..1024, got " + repetitions);
        }
        if (kSim < 0 || kSim > 12) {
            throw new IllegalArgumentException("kSim must be in 0..12, got " + kSim);
        }
        if (identityProjection && dProj != dimension) {
            throw new IllegalArgumentException(
                    "identityProjection needs dProj == dimension ("
                            + dimension
                            + "), got "
                            + dProj);
        }
        if (dProj < 1) {
            throw new IllegalArgumentException("dProj must be at least 1, got " + dProj);
        }
        if (finalDimension < 0) {
            throw new IllegalArgumentException(
                    "finalDimension must be 0 (off) or positive, got " + finalDimension);
        }
        long raw = (long) repetitions * (1L << kSim) * dProj;
        if (raw > 1 << 20) {
            throw new IllegalArgumentException(
                    "R · 2^kSim · dProj = " + raw + " exceeds the limit of " + (1 << 20));
        }
    }

    public int buckets() {
        return 1 << kSim;
    }

    /** Length of the encoding before the optional Count-Sketch. */
    public int rawDimension() {
        return repetitions * buckets() * dProj;
    }

    /** Length of the encoding that goes into the HNSW index. */
    public int outputDimension() {
        return finalDimension > 0 ? finalDimension : rawDimension();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fails fast, naming the missing or invalid setting. */
    public static final class Builder {
        private Integer dimension;
        private int repetitions = DEFAULT_REPETITIONS;
        private int kSim = DEFAULT_K_SIM;
        private Integer dProj;
        private boolean identityProjection;
        private int finalDimension;
        private long seed = DEFAULT_SEED;

        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        public Builder repetitions(int repetitions) {
            this.repetitions = repetitions;
            return this;
        }

        public Builder kSim(int kSim) {
            this.kSim = kSim;
            return this;
        }

        public Builder dProj(int dProj) {
            this.dProj = dProj;
            return this;
        }

        /** No inner projection: each bucket keeps the full token dimension. */
        public Builder identityProjection() {
            this.identityProjection = true;
            return this;
        }

        public Builder finalDimension(int finalDimension) {
            this.finalDimension = finalDimension;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public FdeConfig build() {
            if (dimension == null) {
                throw new IllegalStateException("FdeConfig: dimension is not set");
            }
            int p;
            if (identityProjection) {
                if (dProj != null && dProj.intValue() != dimension) {
                    throw new IllegalStateException(
                            "FdeConfig: identityProjection conflicts with dProj " + dProj);
                }
                p = dimension;
            } else {
                p = dProj == null ? Math.min(DEFAULT_D_PROJ, dimension) : dProj;
            }
            return new FdeConfig(
                    dimension, repetitions, kSim, p, identityProjection, finalDimension, seed);
        }
    }
}
