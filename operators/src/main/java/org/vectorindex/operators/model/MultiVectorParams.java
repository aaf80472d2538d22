package org.vectorindex.operators.model;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.vectorindex.state.math.StoredEncoding;

/**
 * Multi-vector settings of a collection: pooling to at most {@code pooledVectors} per document, the
 * MUVERA FDE shape (repetitions R, SimHash bits k_sim, inner projection d_proj, an optional
 * Count-Sketch final dimension, 0 for none), the number of HNSW candidates reranked by exact
 * MaxSim, the token limit of one record, and how stored vectors are kept (float32, or int8 at a
 * quarter of the bytes).
 */
@PublicEvolving
public record MultiVectorParams(
        int pooledVectors,
        int fdeRepetitions,
        int fdeSimhashBits,
        int fdeProjectionDim,
        int fdeFinalDim,
        int candidates,
        int maxTokens,
        StoredEncoding storedEncoding)
        implements Serializable {

    /**
     * Defaults chosen by nDCG@10 on SciFact's training claims, with recall@10 against exact MaxSim
     * over the stored vectors of at least 0.95 as the guard (README, multi-vector relevance).
     */
    public static final int DEFAULT_POOLED_VECTORS = 24;

    public static final int DEFAULT_FDE_REPETITIONS = 20;
    public static final int DEFAULT_FDE_SIMHASH_BITS = 4;
    public static final int DEFAULT_FDE_PROJECTION_DIM = 8;
    public static final int DEFAULT_CANDIDATES = 300;

    /** INT8: a quarter of the bytes, same nDCG; float32 checkpoints re-quantize on restore. */
    public static final StoredEncoding DEFAULT_STORED_ENCODING = StoredEncoding.INT8;

    /** Most token vectors one record may carry (n up to 512). */
    public static final int MAX_TOKENS = 512;

    public MultiVectorParams {
        check("pooledVectors", pooledVectors, 1, MAX_TOKENS);
        check("fdeRepetitions", fdeRepetitions, 1, 1024);
        check("fdeSimhashBits", fdeSimhashBits, 0, 16);
        check("fdeProjectionDim", fdeProjectionDim, 1, 4096);
        check("fdeFinalDim", fdeFinalDim, 0, 1 << 20);
        check("candidates", candidates, 1, 100_000);
        check("maxTokens", maxTokens, 1, MAX_TOKENS);
        Objects.requireNonNull(storedEncoding, "multivector.storedEncoding is missing");
    }

    /** As the canonical constructor, with stored vectors kept as float32. */
    public MultiVectorParams(
            int pooledVectors,
            int fdeRepetitions,
            int fdeSimhashBits,
            int fdeProjectionDim,
            int fdeFinalDim,
            int candidates,
            int maxTokens) {
        this(
                pooledVectors,
                fdeRepetitions,
                fdeSimhashBits,
                fdeProjectionDim,
                fdeFinalDim,
                candidates,
                maxTokens,
                StoredEncoding.FLOAT32);
    }

    public static MultiVectorParams defaults() {
        return new MultiVectorParams(
                DEFAULT_POOLED_VECTORS,
                DEFAULT_FDE_REPETITIONS,
                DEFAULT_FDE_SIMHASH_BITS,
                DEFAULT_FDE_PROJECTION_DIM,
                0,
                DEFAULT_CANDIDATES,
                MAX_TOKENS,
                DEFAULT_STORED_ENCODING);
    }

    /** Dimension of a document FDE: R·2^k_sim·d_proj, or the final Count-Sketch dimension. */
    public int fdeDimension() {
        return fdeFinalDim > 0
                ? fdeFinalDim
                : fdeRepetitions * (1 << fdeSimhashBits) * fdeProjectionDim;
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "multivector." + name + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
