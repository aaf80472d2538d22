package org.vectorindex.state.hnsw;

/**
 * Packs a (score, node) pair into one long whose natural order is "better score first, then lower
 * ordinal", so heaps of primitives need no objects and ties break deterministically.
 */
final class NodeScore {
    private NodeScore() {}

    static long encode(int node, float score) {
        return ((long) sortableBits(score) << 32) | (0xFFFFFFFFL & ~node);
    }

    static int node(long encoded) {
        return ~(int) encoded;
    }

    static float score(long encoded) {
        return fromSortableBits((int) (encoded >> 32));
    }

    private static int sortableBits(float value) {
        int bits = Float.floatToIntBits(value);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static float fromSortableBits(int sortable) {
        return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
    }
}
