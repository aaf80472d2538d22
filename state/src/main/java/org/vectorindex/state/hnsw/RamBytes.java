package org.vectorindex.state.hnsw;

/**
 * Heap bytes of primitive arrays as a 64-bit JVM with compressed oops lays them out (16-byte
 * header, 8-byte alignment), the accounting Lucene's {@code RamUsageEstimator} uses.
 */
final class RamBytes {
    static final long OBJECT_HEADER = 16;
    static final long REFERENCE = 4;
    private static final long ARRAY_HEADER = 16;

    private RamBytes() {}

    static long of(int[] a) {
        return a == null ? 0 : array(4L * a.length);
    }

    static long of(short[] a) {
        return a == null ? 0 : array(2L * a.length);
    }

    static long of(byte[] a) {
        return a == null ? 0 : array(a.length);
    }

    static long of(long[] a) {
        return a == null ? 0 : array(8L * a.length);
    }

    static long of(float[] a) {
        return a == null ? 0 : array(4L * a.length);
    }

    static long of(double[] a) {
        return a == null ? 0 : array(8L * a.length);
    }

    /** An array of references, without what they point to. */
    static long ofReferences(Object[] a) {
        return a == null ? 0 : array(REFERENCE * a.length);
    }

    private static long array(long payload) {
        return (ARRAY_HEADER + payload + 7) & ~7L;
    }
}
