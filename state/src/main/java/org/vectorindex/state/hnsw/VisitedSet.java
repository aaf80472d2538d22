package org.vectorindex.state.hnsw;

import java.util.Arrays;

/**
 * Marks visited ordinals with a generation stamp so clearing is O(1): bump the generation instead
 * of wiping the array.
 */
final class VisitedSet {
    private int[] stamps;
    private int generation = 1;

    VisitedSet(int capacity) {
        stamps = new int[Math.max(16, capacity)];
    }

    void clear(int capacity) {
        if (capacity > stamps.length) {
            stamps = Arrays.copyOf(stamps, Math.max(capacity, stamps.length * 2));
        }
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(stamps, 0);
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

    boolean isVisited(int ordinal) {
        return stamps[ordinal] == generation;
    }
}
