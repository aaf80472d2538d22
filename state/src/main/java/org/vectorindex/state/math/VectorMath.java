package org.vectorindex.state.math;

import org.apache.flink.annotation.Internal;

/**
 * Distance kernels and vector checks. The kernels are this JVM's {@link DistanceKernels#active()}:
 * SIMD or scalar, bit-identical either way, which the graph's determinism depends on.
 */
@Internal
public final class VectorMath {
    private VectorMath() {}

    public static float dot(float[] a, int ao, float[] b, int bo, int dim) {
        return DistanceKernels.ACTIVE.dot(a, ao, b, bo, dim);
    }

    /** Dot product of floats with INT8 codes. */
    public static float dot(float[] a, int ao, byte[] codes, int co, int dim) {
        return DistanceKernels.ACTIVE.dot(a, ao, codes, co, dim);
    }

    /** Dot product of two INT8 code vectors, exact in integers. */
    public static int dot(byte[] a, int ao, byte[] b, int bo, int dim) {
        return DistanceKernels.ACTIVE.dot(a, ao, b, bo, dim);
    }

    public static float dot(float[] a, float[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    public static float squaredL2(float[] a, int ao, float[] b, int bo, int dim) {
        return DistanceKernels.ACTIVE.squaredL2(a, ao, b, bo, dim);
    }

    public static float squaredL2(float[] a, float[] b) {
        return squaredL2(a, 0, b, 0, a.length);
    }

    /** Scales {@code v} to unit length in place; the caller has rejected zero vectors. */
    public static void normalizeInPlace(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }

    /**
     * Rejects a vector an index of this dimension and metric cannot hold, naming the reason: the
     * operators put that message on the dead-letter record.
     */
    public static void validate(float[] v, int dim, Metric metric) {
        if (v == null) {
            throw new IllegalArgumentException("vector is missing");
        }
        if (v.length != dim) {
            throw new IllegalArgumentException(
                    "wrong dimension: expected " + dim + " but got " + v.length);
        }
        boolean allZero = true;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (Float.isNaN(x)) {
                throw new IllegalArgumentException("vector component " + i + " is NaN");
            }
            if (Float.isInfinite(x)) {
                throw new IllegalArgumentException("vector component " + i + " is infinite");
            }
            allZero &= x == 0f;
        }
        if (allZero && metric == Metric.COSINE) {
            throw new IllegalArgumentException("zero vector has no direction under cosine");
        }
    }
}
