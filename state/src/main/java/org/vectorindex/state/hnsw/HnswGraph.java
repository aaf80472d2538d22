package org.vectorindex.state.hnsw;

import java.util.Arrays;

/**
 * Adjacency of an HNSW graph in primitive arrays. Level 0, which every node has and every search
 * ends in, is one flat array of {@code 2M} slots per node with a parallel score array; the upper
 * levels, held by about one node in M, are small per-node arrays. Each list is kept sorted by
 * score, best first, which the pruning relies on.
 */
final class HnswGraph {
    static final int FREE = -1;

    private final int m;
    private final int maxConn0;

    private int[] levels = new int[0];
    private boolean[] deleted = new boolean[0];
    private int[] neighbors0 = new int[0];
    private float[] scores0 = new float[0];
    private int[] counts0 = new int[0];
    private int[][] upperNeighbors = new int[0][];
    private float[][] upperScores = new float[0][];
    private int[][] upperCounts = new int[0][];

    private int entryPoint = -1;
    private int maxLevel = -1;

    HnswGraph(int m) {
        this.m = m;
        this.maxConn0 = 2 * m;
    }

    int maxConnections(int level) {
        return level == 0 ? maxConn0 : m;
    }

    int capacity() {
        return levels.length;
    }

    void ensureCapacity(int ordinals) {
        if (ordinals <= levels.length) {
            return;
        }
        int cap = Math.max(ordinals, levels.length * 3 / 2 + 16);
        int old = levels.length;
        levels = Arrays.copyOf(levels, cap);
        Arrays.fill(levels, old, cap, FREE);
        deleted = Arrays.copyOf(deleted, cap);
        neighbors0 = Arrays.copyOf(neighbors0, cap * maxConn0);
        scores0 = Arrays.copyOf(scores0, cap * maxConn0);
        counts0 = Arrays.copyOf(counts0, cap);
        upperNeighbors = Arrays.copyOf(upperNeighbors, cap);
        upperScores = Arrays.copyOf(upperScores, cap);
        upperCounts = Arrays.copyOf(upperCounts, cap);
    }

    /** Allocates an empty node of the given level at a free ordinal. */
    void addNode(int ordinal, int level) {
        levels[ordinal] = level;
        deleted[ordinal] = false;
        counts0[ordinal] = 0;
        if (level > 0) {
            upperNeighbors[ordinal] = new int[level * m];
            upperScores[ordinal] = new float[level * m];
            upperCounts[ordinal] = new int[level];
        }
    }

    void freeNode(int ordinal) {
        levels[ordinal] = FREE;
        deleted[ordinal] = false;
        counts0[ordinal] = 0;
        upperNeighbors[ordinal] = null;
        upperScores[ordinal] = null;
        upperCounts[ordinal] = null;
    }

    boolean exists(int ordinal) {
        return ordinal < levels.length && levels[ordinal] != FREE;
    }

    int level(int ordinal) {
        return levels[ordinal];
    }

    boolean isDeleted(int ordinal) {
        return deleted[ordinal];
    }

    void markDeleted(int ordinal) {
        deleted[ordinal] = true;
    }

    boolean isLive(int ordinal) {
        return levels[ordinal] != FREE && !deleted[ordinal];
    }

    int entryPoint() {
        return entryPoint;
    }

    int maxLevel() {
        return maxLevel;
    }

    void setEntryPoint(int ordinal, int level) {
        entryPoint = ordinal;
        maxLevel = level;
    }

    // --- neighbour lists: (array, offset, count) views ---

    int[] neighborArray(int ordinal, int level) {
        return level == 0 ? neighbors0 : upperNeighbors[ordinal];
    }

    float[] scoreArray(int ordinal, int level) {
        return level == 0 ? scores0 : upperScores[ordinal];
    }

    int offset(int ordinal, int level) {
        return level == 0 ? ordinal * maxConn0 : (level - 1) * m;
    }

    int count(int ordinal, int level) {
        return level == 0 ? counts0[ordinal] : upperCounts[ordinal][level - 1];
    }

    void setCount(int ordinal, int level, int count) {
        if (level == 0) {
            counts0[ordinal] = count;
        } else {
            upperCounts[ordinal][level - 1] = count;
        }
    }

    int neighbor(int ordinal, int level, int i) {
        return neighborArray(ordinal, level)[offset(ordinal, level) + i];
    }

    /** Replaces a node's list with the first {@code count} of the given (sorted) arrays. */
    void setNeighbors(int ordinal, int level, int[] nodes, float[] scores, int count) {
        int off = offset(ordinal, level);
        System.arraycopy(nodes, 0, neighborArray(ordinal, level), off, count);
        System.arraycopy(scores, 0, scoreArray(ordinal, level), off, count);
        setCount(ordinal, level, count);
    }

    long bytesUsed() {
        long bytes = 64L + levels.length * (4L + 1 + 4 + 3 * 8) + 8L * neighbors0.length;
        for (int i = 0; i < upperNeighbors.length; i++) {
            if (upperNeighbors[i] != null) {
                bytes += 3 * 16L + 8L * upperNeighbors[i].length + 4L * upperCounts[i].length;
            }
        }
        return bytes;
    }
}
