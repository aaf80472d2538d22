package org.vectorindex.state.math;

/**
 * Distance kernels and vector checks. The kernels keep four independent accumulators so the JIT can
 * pipeline them; Java float arithmetic is strict, so results are bit-identical everywhere, which
 * the graph's determinism depends on.
 */
public final class VectorMath {
    private VectorMath() {}

    public static float dot(float[] a, int ao, float[] b, int bo, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int upper = dim & ~3;
        for (; i < upper; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < dim; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Dot product of floats with INT8 codes, four accumulators as in {@link #dot}. */
    public static float dot(float[] a, int ao, byte[] codes, int co, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int upper = dim & ~3;
        for (; i < upper; i += 4) {
            s0 += a[ao + i] * codes[co + i];
            s1 += a[ao + i + 1] * codes[co + i + 1];
            s2 += a[ao + i + 2] * codes[co + i + 2];
            s3 += a[ao + i + 3] * codes[co + i + 3];
        }
        for (; i < dim; i++) {
            s0 += a[ao + i] * codes[co + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Dot product of two INT8 code vectors, exact in integers. */
    public static int dot(byte[] a, int ao, byte[] b, int bo, int dim) {
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int upper = dim & ~3;
        for (; i < upper; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < dim; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return s0 + s1 + s2 + s3;
    }

    public static float dot(float[] a, float[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    public static float squaredL2(float[] a, int ao, float[] b, int bo, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int upper = dim & ~3;
        for (; i < upper; i += 4) {
            float d0 = a[ao + i] - b[bo + i];
            float d1 = a[ao + i + 1] - b[bo + i + 1];
            float d2 = a[ao + i + 2] - b[bo + i + 2];
            float d3 = a[ao + i + 3] - b[bo + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < dim; i++) {
            float d = a[ao + i] - b[bo + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
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
