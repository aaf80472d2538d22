package org.vectorindex.state.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD and scalar kernels agree bit for bit on every dimension from 1 to 1,000, and both
 * compute exactly the algorithm {@link DistanceKernel} documents (checked against a literal
 * rendering of it). Random vectors are fine here: this is about arithmetic, not recall.
 */
class DistanceKernelIdentityTest {
    private static final int MAX_DIM = 1000;
    private static final int PAIRS_PER_DIM = 12;

    private final DistanceKernel scalar = DistanceKernels.scalar();
    private final DistanceKernel simd = DistanceKernels.simdOrNull();

    @Test
    void theTestJvmHasTheVectorModuleAndUsesItWhereTheCpuAllows() {
        assertNotNull(simd, "the build runs tests with --add-modules " + DistanceKernels.MODULE);
        if (SimdKernel.preferredBits() >= 256) {
            assertSame(DistanceKernels.active().getClass(), SimdKernel.class);
            assertEquals(true, DistanceKernels.simd(), DistanceKernels.description());
        }
    }

    @Test
    void simdAndScalarAreBitIdenticalForEveryDimensionUpTo1000() {
        SplittableRandom rnd = new SplittableRandom(20261202);
        // Twice: the second sweep runs the JIT-compiled SIMD code, not the interpreter's.
        for (int pass = 0; pass < 2; pass++) {
            for (int dim = 1; dim <= MAX_DIM; dim++) {
                for (int p = 0; p < PAIRS_PER_DIM; p++) {
                    int ao = rnd.nextInt(5);
                    int bo = rnd.nextInt(5);
                    float[] a = vector(rnd, ao + dim, p);
                    float[] b = vector(rnd, bo + dim, p + 1);
                    byte[] ca = codes(rnd, ao + dim);
                    byte[] cb = codes(rnd, bo + dim);
                    String at = "dim " + dim + " pair " + p;
                    assertBits(scalar.dot(a, ao, b, bo, dim), simd.dot(a, ao, b, bo, dim), at);
                    assertBits(
                            scalar.squaredL2(a, ao, b, bo, dim),
                            simd.squaredL2(a, ao, b, bo, dim),
                            at);
                    assertBits(scalar.dot(a, ao, cb, bo, dim), simd.dot(a, ao, cb, bo, dim), at);
                    assertEquals(
                            scalar.dot(ca, ao, cb, bo, dim), simd.dot(ca, ao, cb, bo, dim), at);
                }
            }
        }
    }

    @Test
    void bothKernelsComputeTheDocumentedAlgorithm() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int dim = 1; dim <= 300; dim++) {
            for (int p = 0; p < 4; p++) {
                float[] a = vector(rnd, dim, p);
                float[] b = vector(rnd, dim, p + 2);
                byte[] c = codes(rnd, dim);
                float[] cf = new float[dim];
                long exact = 0;
                byte[] c2 = codes(rnd, dim);
                for (int i = 0; i < dim; i++) {
                    cf[i] = c[i];
                    exact += c[i] * c2[i];
                }
                String at = "dim " + dim;
                for (DistanceKernel k : new DistanceKernel[] {scalar, simd}) {
                    assertBits(literal(a, b, false), k.dot(a, 0, b, 0, dim), k.name() + " " + at);
                    assertBits(
                            literal(a, b, true), k.squaredL2(a, 0, b, 0, dim), k.name() + " " + at);
                    assertBits(literal(a, cf, false), k.dot(a, 0, c, 0, dim), k.name() + " " + at);
                    assertEquals(exact, k.dot(c, 0, c2, 0, dim), k.name() + " " + at);
                }
            }
        }
    }

    @Test
    void signedZerosAndSubnormalsAgreeToo() {
        float tiny = Float.MIN_VALUE * 3;
        for (int dim = 1; dim <= 64; dim++) {
            float[] a = new float[dim];
            float[] b = new float[dim];
            for (int i = 0; i < dim; i++) {
                a[i] = i % 3 == 0 ? -0f : (i % 3 == 1 ? tiny : -tiny * i);
                b[i] = i % 2 == 0 ? 0f : -1e-20f * i;
            }
            assertBits(scalar.dot(a, 0, b, 0, dim), simd.dot(a, 0, b, 0, dim), "dim " + dim);
            assertBits(
                    scalar.squaredL2(a, 0, b, 0, dim),
                    simd.squaredL2(a, 0, b, 0, dim),
                    "dim " + dim);
        }
    }

    /** The algorithm exactly as {@link DistanceKernel} states it, with an array of sixteen sums. */
    private static float literal(float[] a, float[] b, boolean l2) {
        int dim = a.length;
        float[] s = new float[16];
        int blocked = dim & ~7;
        for (int i = 0; i < blocked; i++) {
            float x = l2 ? a[i] - b[i] : a[i];
            float y = l2 ? x : b[i];
            s[i % 16] = Math.fma(x, y, s[i % 16]);
        }
        for (int width = 8; width >= 1; width /= 2) {
            for (int j = 0; j < width; j++) {
                s[j] = s[j] + s[j + width];
            }
        }
        float r = s[0];
        for (int i = blocked; i < dim; i++) {
            float x = l2 ? a[i] - b[i] : a[i];
            float y = l2 ? x : b[i];
            r = Math.fma(x, y, r);
        }
        return r;
    }

    /** Components of varied scale and sign: uniform, Gaussian, wide-range and sparse vectors. */
    private static float[] vector(SplittableRandom rnd, int n, int kind) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            switch (kind % 4) {
                case 0 -> v[i] = (float) (rnd.nextDouble() * 2 - 1);
                case 1 -> v[i] = (float) (gaussian(rnd) * 30);
                case 2 -> v[i] = (float) Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(-30, 30));
                default -> v[i] = rnd.nextInt(4) == 0 ? (float) rnd.nextInt(256) : 0f;
            }
        }
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static byte[] codes(SplittableRandom rnd, int n) {
        byte[] c = new byte[n];
        for (int i = 0; i < n; i++) {
            c[i] = (byte) rnd.nextInt(-127, 128);
        }
        return c;
    }

    private static void assertBits(float expected, float actual, String at) {
        assertEquals(
                Float.floatToRawIntBits(expected),
                Float.floatToRawIntBits(actual),
                () -> at + ": " + expected + " vs " + actual);
    }
}
