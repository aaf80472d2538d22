package org.vectorindex.state.hnsw;

import java.util.Arrays;

/**
 * Marks visited ordinals with a one-byte generation stamp so clearing is O(1): bump the generation
 * instead of wiping the array, which is wiped once every 255 generations.
 */
final class VisitedSet {
    private byte[] stamps;
    private byte generation = 1;

    VisitedSet(int capacity) {
        stamps = new byte[Math.max(16, capacity)];
    }

    void clear(int capacity) {
        if (capacity > stamps.length) {
            // the graph grows its capacity in steps already; one stamp per ordinal, no more
            stamps = Arrays.copyOf(stamps, capacity);
        }
        if (++generation == 0) {
            Arrays.fill(stamps, (byte) 0);
            generation = 1;
        }
    }

    /** Marks {@code ordinal}; returns true if it was not yet visited. */
    boolean visit(int ordinal) {
        if (stamps[ordinal] == generation) {
            return false;
        }
        stamps[ordinal] = generation;
        return true;
    }

    long bytesUsed() {
        return RamBytes.OBJECT_HEADER + RamBytes.REFERENCE + 1 + RamBytes.of(stamps);
    }

    boolean isVisited(int ordinal) {
        return stamps[ordinal] == generation;
    }
}
