package org.vectorindex.state.math;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DistanceKernel}'s fixed algorithm on {@code jdk.incubator.vector}: the sixteen partial
 * sums are two 256-bit vectors whatever the machine's widest vector, so the order of additions, and
 * with it every bit of the result, is the scalar kernel's. Loaded by name only when the module is
 * in the boot layer.
 */
final class SimdKernel implements DistanceKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    SimdKernel() {}

    /** Bits of the widest float vector this CPU computes natively. */
    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int dim) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0;
        int i = 0;
        for (int end = dim & ~15; i < end; i += 16) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
            s1 =
                    FloatVector.fromArray(F, a, ao + i + 8)
                            .fma(FloatVector.fromArray(F, b, bo + i + 8), s1);
        }
        if ((dim & 8) != 0) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
            i += 8;
        }
        // The lanes are read here, not in a helper: a vector passed to a method that is not
        // inlined is boxed on the heap.
        FloatVector t = s0.add(s1);
        float r =
                ScalarKernel.fold(
                        t.lane(0), t.lane(1), t.lane(2), t.lane(3), t.lane(4), t.lane(5), t.lane(6),
                        t.lane(7));
        for (; i < dim; i++) {
            r = Math.fma(a[ao + i], b[bo + i], r);
        }
        return r;
    }

    @Override
    public float squaredL2(float[] a, int ao, float[] b, int bo, int dim) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0;
        int i = 0;
        for (int end = dim & ~15; i < end; i += 16) {
            FloatVector d0 =
                    FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i));
            FloatVector d1 =
                    FloatVector.fromArray(F, a, ao + i + 8)
                            .sub(FloatVector.fromArray(F, b, bo + i + 8));
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
        }
        if ((dim & 8) != 0) {
            FloatVector d0 =
                    FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i));
            s0 = d0.fma(d0, s0);
            i += 8;
        }
        FloatVector t = s0.add(s1);
        float r =
                ScalarKernel.fold(
                        t.lane(0), t.lane(1), t.lane(2), t.lane(3), t.lane(4), t.lane(5), t.lane(6),
                        t.lane(7));
        for (; i < dim; i++) {
            float d = a[ao + i] - b[bo + i];
            r = Math.fma(d, d, r);
        }
        return r;
    }

    @Override
    public float dot(float[] a, int ao, byte[] codes, int co, int dim) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0;
        int i = 0;
        for (int end = dim & ~15; i < end; i += 16) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(floats(codes, co + i), s0);
            s1 = FloatVector.fromArray(F, a, ao + i + 8).fma(floats(codes, co + i + 8), s1);
        }
        if ((dim & 8) != 0) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(floats(codes, co + i), s0);
            i += 8;
        }
        FloatVector t = s0.add(s1);
        float r =
                ScalarKernel.fold(
                        t.lane(0), t.lane(1), t.lane(2), t.lane(3), t.lane(4), t.lane(5), t.lane(6),
                        t.lane(7));
        for (; i < dim; i++) {
            r = Math.fma(a[ao + i], codes[co + i], r);
        }
        return r;
    }

    @Override
    public int dot(byte[] a, int ao, byte[] b, int bo, int dim) {
        IntVector s = IntVector.zero(I);
        int i = 0;
        for (int end = dim & ~7; i < end; i += 8) {
            s = s.add(ints(a, ao + i).mul(ints(b, bo + i)));
        }
        int r = s.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            r += a[ao + i] * b[bo + i];
        }
        return r;
    }

    private static FloatVector floats(byte[] codes, int offset) {
        return (FloatVector)
                ByteVector.fromArray(B, codes, offset).convertShape(VectorOperators.B2F, F, 0);
    }

    private static IntVector ints(byte[] codes, int offset) {
        return (IntVector)
                ByteVector.fromArray(B, codes, offset).convertShape(VectorOperators.B2I, I, 0);
    }
}
