package org.vectorindex.state.math;

/**
 * The fixed sixteen-lane algorithm of {@link DistanceKernel} in plain Java: the reference the SIMD
 * kernel must match bit for bit, and the kernel of JVMs without {@code jdk.incubator.vector}.
 * {@link Math#fma} compiles to one instruction on CPUs with FMA.
 */
final class ScalarKernel implements DistanceKernel {
    static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        float s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
        int i = 0;
        for (int end = dim & ~15; i < end; i += 16) {
            int x = ao + i, y = bo + i;
            s0 = Math.fma(a[x], b[y], s0);
            s1 = Math.fma(a[x + 1], b[y + 1], s1);
            s2 = Math.fma(a[x + 2], b[y + 2], s2);
            s3 = Math.fma(a[x + 3], b[y + 3], s3);
            s4 = Math.fma(a[x + 4], b[y + 4], s4);
            s5 = Math.fma(a[x + 5], b[y + 5], s5);
            s6 = Math.fma(a[x + 6], b[y + 6], s6);
            s7 = Math.fma(a[x + 7], b[y + 7], s7);
            s8 = Math.fma(a[x + 8], b[y + 8], s8);
            s9 = Math.fma(a[x + 9], b[y + 9], s9);
            s10 = Math.fma(a[x + 10], b[y + 10], s10);
            s11 = Math.fma(a[x + 11], b[y + 11], s11);
            s12 = Math.fma(a[x + 12], b[y + 12], s12);
            s13 = Math.fma(a[x + 13], b[y + 13], s13);
            s14 = Math.fma(a[x + 14], b[y + 14], s14);
            s15 = Math.fma(a[x + 15], b[y + 15], s15);
        }
        if ((dim & 8) != 0) {
            int x = ao + i, y = bo + i;
            s0 = Math.fma(a[x], b[y], s0);
            s1 = Math.fma(a[x + 1], b[y + 1], s1);
            s2 = Math.fma(a[x + 2], b[y + 2], s2);
            s3 = Math.fma(a[x + 3], b[y + 3], s3);
            s4 = Math.fma(a[x + 4], b[y + 4], s4);
            s5 = Math.fma(a[x + 5], b[y + 5], s5);
            s6 = Math.fma(a[x + 6], b[y + 6], s6);
            s7 = Math.fma(a[x + 7], b[y + 7], s7);
            i += 8;
        }
        float r =
                fold(s0 + s8, s1 + s9, s2 + s10, s3 + s11, s4 + s12, s5 + s13, s6 + s14, s7 + s15);
        for (; i < dim; i++) {
            r = Math.fma(a[ao + i], b[bo + i], r);
        }
        return r;
    }

    @Override
    public float squaredL2(float[] a, int ao, float[] b, int bo, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        float s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
        int i = 0;
        for (int end = dim & ~15; i < end; i += 16) {
            int x = ao + i, y = bo + i;
            float d;
            d = a[x] - b[y];
            s0 = Math.fma(d, d, s0);
            d = a[x + 1] - b[y + 1];
            s1 = Math.fma(d, d, s1);
            d = a[x + 2] - b[y + 2];
            s2 = Math.fma(d, d, s2);
            d = a[x + 3] - b[y + 3];
            s3 = Math.fma(d, d, s3);
            d = a[x + 4] - b[y + 4];
            s4 = Math.fma(d, d, s4);
            d = a[x + 5] - b[y + 5];
            s5 = Math.fma(d, d, s5);
            d = a[x + 6] - b[y + 6];
            s6 = Math.fma(d, d, s6);
            d = a[x + 7] - b[y + 7];
            s7 = Math.fma(d, d, s7);
            d = a[x + 8] - b[y + 8];
            s8 = Math.fma(d, d, s8);
            d = a[x + 9] - b[y + 9];
            s9 = Math.fma(d, d, s9);
            d = a[x + 10] - b[y + 10];
            s10 = Math.fma(d, d, s10);
            d = a[x + 11] - b[y + 11];
            s11 = Math.fma(d, d, s11);
            d = a[x + 12] - b[y + 12];
            s12 = Math.fma(d, d, s12);
            d = a[x + 13] - b[y + 13];
            s13 = Math.fma(d, d, s13);
            d = a[x + 14] - b[y + 14];
            s14 = Math.fma(d, d, s14);
            d = a[x + 15] - b[y + 15];
            s15 = Math.fma(d, d, s15);
        }
        if ((dim & 8) != 0) {
            int x = ao + i, y = bo + i;
            float d;
            d = a[x] - b[y];
            s0 = Math.fma(d, d, s0);
            d = a[x + 1] - b[y + 1];
            s1 = Math.fma(d, d, s1);
            d = a[x + 2] - b[y + 2];
            s2 = Math.fma(d, d, s2);
            d = a[x + 3] - b[y + 3];
            s3 = Math.fma(d, d, s3);
            d = a[x + 4] - b[y + 4];
            s4 = Math.fma(d, d, s4);
            d = a[x + 5] - b[y + 5];
            s5 = Math.fma(d, d, s5);
            d = a[x + 6] - b[y + 6];
            s6 = Math.fma(d, d, s6);
            d = a[x + 7] - b[y + 7];
            s7 = Math.fma(d, d, s7);
            i += 8;
        }
        float r =
                fold(s0 + s8, s1 + s9, s2 + s10, s3 + s11, s4 + s12, s5 + s13, s6 + s14, s7 + s15);
        for (; i < dim; i++) {
            float d = a[ao + i] - b[bo + i];
            r = Math.fma(d, d, r);
        }
        return r;
    }

    @Override
    public float dot(float[] a, int ao, byte[] codes, int co, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        float s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
        int i = 0;
        for (int end = dim & ~15; i < end; i += 16) {
            int x = ao + i, y = co + i;
            s0 = Math.fma(a[x], codes[y], s0);
            s1 = Math.fma(a[x + 1], codes[y + 1], s1);
            s2 = Math.fma(a[x + 2], codes[y + 2], s2);
            s3 = Math.fma(a[x + 3], codes[y + 3], s3);
            s4 = Math.fma(a[x + 4], codes[y + 4], s4);
            s5 = Math.fma(a[x + 5], codes[y + 5], s5);
            s6 = Math.fma(a[x + 6], codes[y + 6], s6);
            s7 = Math.fma(a[x + 7], codes[y + 7], s7);
            s8 = Math.fma(a[x + 8], codes[y + 8], s8);
            s9 = Math.fma(a[x + 9], codes[y + 9], s9);
            s10 = Math.fma(a[x + 10], codes[y + 10], s10);
            s11 = Math.fma(a[x + 11], codes[y + 11], s11);
            s12 = Math.fma(a[x + 12], codes[y + 12], s12);
            s13 = Math.fma(a[x + 13], codes[y + 13], s13);
            s14 = Math.fma(a[x + 14], codes[y + 14], s14);
            s15 = Math.fma(a[x + 15], codes[y + 15], s15);
        }
        if ((dim & 8) != 0) {
            int x = ao + i, y = co + i;
            s0 = Math.fma(a[x], codes[y], s0);
            s1 = Math.fma(a[x + 1], codes[y + 1], s1);
            s2 = Math.fma(a[x + 2], codes[y + 2], s2);
            s3 = Math.fma(a[x + 3], codes[y + 3], s3);
            s4 = Math.fma(a[x + 4], codes[y + 4], s4);
            s5 = Math.fma(a[x + 5], codes[y + 5], s5);
            s6 = Math.fma(a[x + 6], codes[y + 6], s6);
            s7 = Math.fma(a[x + 7], codes[y + 7], s7);
            i += 8;
        }
        float r =
                fold(s0 + s8, s1 + s9, s2 + s10, s3 + s11, s4 + s12, s5 + s13, s6 + s14, s7 + s15);
        for (; i < dim; i++) {
            r = Math.fma(a[ao + i], codes[co + i], r);
        }
        return r;
    }

    @Override
    public int dot(byte[] a, int ao, byte[] b, int bo, int dim) {
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int end = dim & ~3; i < end; i += 4) {
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

    /**
     * The halvings after {@code t[j] = s[j] + s[j+8]}: {@code t[j] + t[j+4]}, {@code [j] + [j+2]},
     * {@code [0] + [1]}.
     */
    static float fold(
            float t0, float t1, float t2, float t3, float t4, float t5, float t6, float t7) {
        return ((t0 + t4) + (t2 + t6)) + ((t1 + t5) + (t3 + t7));
    }
}
