package org.vectorindex.state.math;

import org.apache.flink.annotation.Internal;

/**
 * The distance kernels every score goes through. Each implementation computes the same fixed
 * algorithm, so scores are bit-identical whichever one a JVM picks:
 *
 * <ol>
 *   <li>Sixteen partial sums {@code s[0..15]}, all {@code +0}. Component {@code i < (dim & ~7)}
 *       goes into {@code s[i % 16]} as {@code s = fma(x_i, y_i, s)} (for L2, {@code x_i = y_i = a_i
 *       - b_i}), in increasing {@code i}.
 *   <li>They are combined by halving: {@code t[j] = s[j] + s[j+8]}, then {@code t[j] + t[j+4]},
 *       then {@code [j] + [j+2]}, then {@code [0] + [1]}.
 *   <li>The last {@code dim % 8} components are added to that total one by one, again by fused
 *       multiply-add.
 * </ol>
 *
 * <p>Two 8-lane vectors hold the sixteen sums on a 256-bit machine; the scalar path keeps sixteen
 * locals. A graph built on one machine therefore restores bit-identically on any other.
 */
@Internal
public interface DistanceKernel {
    /** Short name, e.g. {@code simd} or {@code scalar}. */
    String name();

    float dot(float[] a, int ao, float[] b, int bo, int dim);

    float squaredL2(float[] a, int ao, float[] b, int bo, int dim);

    /** Dot product of floats with INT8 codes, each code taken as the float of its value. */
    float dot(float[] a, int ao, byte[] codes, int co, int dim);

    /** Dot product of two INT8 code vectors, exact in integers (so any order gives the same). */
    int dot(byte[] a, int ao, byte[] b, int bo, int dim);
}
