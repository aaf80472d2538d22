package org.vectorindex.operators.merge;

/** A fixed-size bitset over shard numbers, as a long[] that serializes trivially. */
final class Bits {
    private Bits() {}

    static long[] create(int size) {
        return new long[(size + 63) >>> 6];
    }

    static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    static int count(long[] bits) {
        int c = 0;
        for (long w : bits) {
            c += Long.bitCount(w);
        }
        return c;
    }
}
