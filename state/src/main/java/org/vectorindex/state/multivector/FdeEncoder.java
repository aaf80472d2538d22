package org.vectorindex.state.multivector;

import java.util.SplittableRandom;
import org.apache.flink.annotation.Internal;
import org.vectorindex.state.math.VectorMath;

/**
 * MUVERA fixed-dimensional encoding of a token set: an FDE whose inner product approximates the
 * Chamfer (MaxSim) score, so a single-vector HNSW index under inner product can find candidates.
 *
 * <p>Per repetition r: each token gets a SimHash code from kSim Gaussian hyperplanes (bit j set
 * when {@code ⟨g_j, x⟩ > 0}); that code is its bucket. A query sums its tokens per bucket and a
 * document averages them; an empty document bucket takes the token whose code is nearest in Hamming
 * distance (ties to the lower token index). Each bucket vector is multiplied by a random ±1 matrix
 * scaled by {@code 1/√dProj} (skipped for the identity projection). The R blocks are concatenated:
 * output index {@code (r · 2^kSim + bucket) · dProj + p}. An optional Count-Sketch then hashes each
 * coordinate, with a random sign, into {@code finalDimension} outputs. The projection is linear, so
 * tokens are projected first and bucket sums are taken in the smaller space.
 *
 * <p>Randomness: one {@link SplittableRandom} seeded with {@link FdeConfig#seed()} is consumed in a
 * fixed order (per repetition: kSim·d Gaussians, then dProj·d signs; then the sketch's index and
 * sign per raw coordinate). Gaussians use Box–Muller with {@link StrictMath}, so the matrices are
 * bit-identical on every JVM and platform.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Internal
public final class FdeEncoder {
    private final FdeConfig config;
    private final int dim;
    private final int dProj;
    private final int buckets;
    private final float[] hyperplanes; // R × kSim × d
    private final float[] projections; // R × dProj × d, ±1/√dProj; null for identity
    private final int[] sketchIndex; // rawDim, or null
    private final float[] sketchSign; // rawDim, or null

    public FdeEncoder(FdeConfig config) {
        this.config = config;
        this.dim = config.dimension();
        this.dProj = config.dProj();
        this.buckets = config.buckets();
        SplittableRandom rnd = new SplittableRandom(config.seed());
        int r = config.repetitions();
        int k = config.kSim();
        this.hyperplanes = new float[r * k * dim];
        this.projections = config.identityProjection() ? null : new float[r * dProj * dim];
        float scale = (float) (1.0 / Math.sqrt(dProj));
        for (int rep = 0; rep < r; rep++) {
            for (int i = 0; i < k * dim; i++) {
                hyperplanes[rep * k * dim + i] = (float) gaussian(rnd);
            }
            if (projections != null) {
                for (int i = 0; i < dProj * dim; i++) {
                    projections[rep * dProj * dim + i] = rnd.nextBoolean() ? scale : -scale;
                }
            }
        }
        if (config.finalDimension() > 0) {
            int raw = config.rawDimension();
            this.sketchIndex = new int[raw];
            this.sketchSign = new float[raw];
            for (int i = 0; i < raw; i++) {
                sketchIndex[i] = rnd.nextInt(config.finalDimension());
                sketchSign[i] = rnd.nextBoolean() ? 1f : -1f;
            }
        } else {
            this.sketchIndex = null;
            this.sketchSign = null;
        }
    }

    /**
     * Encoder with given matrices (tests work tiny cases by hand with it). {@code hyperplanes} is R
     * × kSim × d; {@code projections} is R × dProj × d with the scale already applied, or null for
     * the identity. No final projection.
     */
    FdeEncoder(FdeConfig config, float[] hyperplanes, float[] projections) {
        if (config.finalDimension() != 0) {
            throw new IllegalArgumentException("explicit matrices support no final projection");
        }
        if (hyperplanes.length != config.repetitions() * config.kSim() * config.dimension()) {
            throw new IllegalArgumentException("hyperplanes must be R × kSim × d");
        }
        if ((projections == null) != config.identityProjection()
                || (projections != null
                        && projections.length
                                != config.repetitions() * config.dProj() * config.dimension())) {
            throw new IllegalArgumentException("projections must be R × dProj × d, or null");
        }
        this.config = config;
        this.dim = config.dimension();
        this.dProj = config.dProj();
        this.buckets = config.buckets();
        this.hyperplanes = hyperplanes.clone();
        this.projections = projections == null ? null : projections.clone();
        this.sketchIndex = null;
        this.sketchSign = null;
    }

    public FdeConfig config() {
        return config;
    }

    public int outputDimension() {
        return config.outputDimension();
    }

    /** Query FDE: per-bucket sums; empty buckets stay zero. */
    public float[] encodeQuery(float[] tokens, int n) {
        return encode(tokens, n, false);
    }

    /** Document FDE: per-bucket averages; empty buckets filled by Hamming-nearest token. */
    public float[] encodeDocument(float[] tokens, int n) {
        return encode(tokens, n, true);
    }

    /** Multiply-adds of encoding {@code n} tokens (hashing, inner projection, Count-Sketch). */
    public long encodeMultiplyAdds(int n) {
        long perToken = (long) config.kSim() * dim + (projections == null ? 0 : (long) dProj * dim);
        return (long) n * config.repetitions() * perToken
                + (sketchIndex == null ? 0 : sketchIndex.length);
    }

    private float[] encode(float[] tokens, int n, boolean document) {
        if (n < 1 || tokens.length < n * dim) {
            throw new IllegalArgumentException("need at least one token of dimension " + dim);
        }
        int k = config.kSim();
        float[] raw = new float[config.rawDimension()];
        int[] codes = new int[n];
        int[] counts = new int[buckets];
        float[] projected = projections == null ? null : new float[n * dProj];
        for (int rep = 0; rep < config.repetitions(); rep++) {
            for (int i = 0; i < n; i++) {
                int code = 0;
                for (int j = 0; j < k; j++) {
                    if (VectorMath.dot(hyperplanes, (rep * k + j) * dim, tokens, i * dim, dim)
                            > 0f) {
                        code |= 1 << j;
                    }
                }
                codes[i] = code;
                if (projected != null) {
                    int base = rep * dProj * dim;
                    for (int p = 0; p < dProj; p++) {
                        projected[i * dProj + p] =
                                VectorMath.dot(projections, base + p * dim, tokens, i * dim, dim);
                    }
                }
            }
            float[] src = projected != null ? projected : tokens;
            java.util.Arrays.fill(counts, 0);
            int block = rep * buckets * dProj;
            for (int i = 0; i < n; i++) {
                int b = codes[i];
                counts[b]++;
                int out = block + b * dProj;
                int in = i * dProj;
                for (int p = 0; p < dProj; p++) {
                    raw[out + p] += src[in + p];
                }
            }
            if (!document) {
                continue;
            }
            for (int b = 0; b < buckets; b++) {
                int out = block + b * dProj;
                if (counts[b] > 1) {
                    float inv = 1f / counts[b];
                    for (int p = 0; p < dProj; p++) {
                        raw[out + p] *= inv;
                    }
                } else if (counts[b] == 0) {
                    int nearest = hammingNearest(codes, n, b);
                    System.arraycopy(src, nearest * dProj, raw, out, dProj);
                }
            }
        }
        if (sketchIndex == null) {
            return raw;
        }
        float[] out = new float[config.finalDimension()];
        for (int i = 0; i < raw.length; i++) {
            out[sketchIndex[i]] += sketchSign[i] * raw[i];
        }
        return out;
    }

    private static int hammingNearest(int[] codes, int n, int bucket) {
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int d = Integer.bitCount(codes[i] ^ bucket);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** Standard normal by Box–Muller on StrictMath: bit-identical on every platform. */
    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(); // (0, 1]
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }
}
