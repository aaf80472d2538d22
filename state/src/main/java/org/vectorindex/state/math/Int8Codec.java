package org.vectorindex.state.math;

import java.util.Arrays;
import org.apache.flink.annotation.Internal;

/**
 * Scalar quantization of unit-length vectors to one signed byte per component.
 *
 * <p>Quantizer: per vector, codes {@code c_i = round(127 · x_i / max_j |x_j|)}, so the largest
 * component maps to ±127 and no component clips. Dequantization is {@code x̂ = c / ||c||}: stored
 * vectors are unit length (normalised tokens or normalised pooled means), so the per-vector scale
 * is recovered from the codes themselves and costs no stored bytes. The durable image is exactly
 * one byte per component, a quarter of float32; a per-vector float scale would have cost 4 more
 * bytes per vector (0.2526 of float32 at 384-d, over the quarter bound without pooling). A single
 * collection-wide scale would also cost nothing, but it must be fixed before the data arrives and
 * wastes resolution on vectors with small components; the per-vector max-abs scale uses the full
 * range for every vector.
 *
 * <p>Error bound: each component of {@code s·c} (with {@code s = max|x|/127}) is within {@code s/2}
 * of {@code x}, so {@code ||x − s·c|| ≤ √d · s / 2}, and renormalising at most doubles it: {@code
 * ||x − x̂|| ≤ √d · max|x| / 127}. By Cauchy–Schwarz a dot product with a unit query moves by at
 * most that much, and a MaxSim over {@code nq} query tokens by at most {@code nq} times it.
 *
 * <p>Shared by the multi-vector stored vectors and by HNSW graphs that keep their vectors as INT8.
 *
 * <p>Re-quantizing a dequantized vector gives the same codes (its largest component is again the
 * ±127 one), so a collection can also be restored from dequantized floats bit-identically.
 */
@Internal
public final class Int8Codec {
    private Int8Codec() {}

    /**
     * Quantizes {@code n = flat.length / dim} vectors (row-major) to codes.
     *
     * @throws IllegalArgumentException for a zero or non-finite vector
     */
    public static byte[] quantize(float[] flat, int dim) {
        if (flat.length % dim != 0) {
            throw new IllegalArgumentException(
                    "vector data length " + flat.length + " is not a multiple of " + dim);
        }
        byte[] codes = new byte[flat.length];
        for (int o = 0; o < flat.length; o += dim) {
            double maxAbs = 0;
            for (int i = 0; i < dim; i++) {
                float x = flat[o + i];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(
                            "vector " + o / dim + " has a non-finite component " + i);
                }
                maxAbs = Math.max(maxAbs, Math.abs(x));
            }
            if (maxAbs == 0) {
                throw new IllegalArgumentException("vector " + o / dim + " is zero");
            }
            double f = 127.0 / maxAbs;
            for (int i = 0; i < dim; i++) {
                long c = Math.round(flat[o + i] * f);
                codes[o + i] = (byte) Math.max(-127, Math.min(127, c));
            }
        }
        return codes;
    }

    /** {@code 1 / ||c||} of the vector at {@code offset}, in double precision. */
    public static double inverseNorm(byte[] codes, int offset, int dim) {
        long sum = 0;
        for (int i = 0; i < dim; i++) {
            int c = codes[offset + i];
            sum += c * c;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("vector " + offset / dim + " has all-zero codes");
        }
        return 1.0 / Math.sqrt(sum);
    }

    /** {@code 1 / ||c||} per vector, as {@link #dequantize} uses them. */
    public static double[] inverseNorms(byte[] codes, int dim) {
        double[] out = new double[codes.length / dim];
        for (int v = 0; v < out.length; v++) {
            out[v] = inverseNorm(codes, v * dim, dim);
        }
        return out;
    }

    /** The unit vectors the codes stand for, row-major. */
    public static float[] dequantize(byte[] codes, int dim) {
        if (codes.length % dim != 0) {
            throw new IllegalArgumentException(
                    "code length " + codes.length + " is not a multiple of " + dim);
        }
        float[] out = new float[codes.length];
        dequantize(codes, inverseNorms(codes, dim), dim, out);
        return out;
    }

    /** As {@link #dequantize(byte[], int)}, into {@code out} (at least as long as the codes). */
    public static void dequantize(byte[] codes, double[] inverseNorms, int dim, float[] out) {
        for (int v = 0, o = 0; v < inverseNorms.length; v++, o += dim) {
            double inv = inverseNorms[v];
            for (int i = 0; i < dim; i++) {
                out[o + i] = (float) (codes[o + i] * inv);
            }
        }
    }

    /**
     * Quantizes one vector that keeps its magnitude (L2, dot) into {@code out}, affinely over its
     * own range: with {@code s = (max − min) / 255}, codes {@code c_i = round((x_i − min) / s) −
     * 128} and {@code x̂ = β + s · c} where {@code β = min + 128 s}. Each component is within
     * {@code s/2} of its original, half the error of a max-abs scale over non-negative data (SIFT,
     * image pixels) that uses only half the codes. A constant vector (zero too) is exact: {@code s
     * = 0}, {@code β = x_0}. Returns {@code {s, β}}; the durable image keeps codes, {@code s} and
     * {@code β}, so a restore needs no re-quantization.
     */
    public static float[] quantizeAffine(float[] v, byte[] out) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("vector has a non-finite component " + i);
            }
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        float scale = (float) (((double) max - min) / 255.0);
        if (scale == 0f || !Float.isFinite(scale)) {
            if (scale != 0f) {
                throw new IllegalArgumentException("vector range overflows a float");
            }
            Arrays.fill(out, 0, v.length, (byte) 0);
            return new float[] {0f, min};
        }
        double f = 1.0 / scale;
        for (int i = 0; i < v.length; i++) {
            long u = Math.round(((double) v[i] - min) * f);
            out[i] = (byte) (Math.max(0, Math.min(255, u)) - 128);
        }
        return new float[] {scale, (float) (min + 128.0 * scale)};
    }
}
