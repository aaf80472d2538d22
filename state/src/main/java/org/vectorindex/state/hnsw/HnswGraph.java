package org.vectorindex.state.hnsw;

import java.util.Arrays;

/**
 * Adjacency of an HNSW graph in one pool of ints, with no object per node and no score per link (a
 * link's score is recomputed from the vectors when pruning needs it; the kernels give the same bits
 * from either end). A node's level-0 list takes exactly its count of slots and moves to the end of
 * the pool when it grows; its upper levels, held by about one node in M, are one block of {@code
 * [count, M slots]} per level. The pool is compacted, in ordinal order, when it is full. Each list
 * is kept sorted by score, best first, which the pruning relies on.
 */
final class HnswGraph {
    static final int FREE = -1;

    private final int m;
    private final int maxConn0;

    private byte[] levels = new byte[0];
    private long[] deleted = new long[0];
    private int[] offsets0 = new int[0];
    private short[] counts0 = new short[0];
    private int[] upperOffsets = new int[0];
    private int[] pool = new int[0];
    private int top;
    private int garbage;

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
        int cap = Math.max(ordinals, levels.length + levels.length / 4 + 16);
        int old = levels.length;
        levels = Arrays.copyOf(levels, cap);
        Arrays.fill(levels, old, cap, (byte) FREE);
        deleted = Arrays.copyOf(deleted, (cap + 63) >>> 6);
        offsets0 = Arrays.copyOf(offsets0, cap);
        counts0 = Arrays.copyOf(counts0, cap);
        upperOffsets = Arrays.copyOf(upperOffsets, cap);
    }

    /** Allocates an empty node of the given level at a free ordinal. */
    void addNode(int ordinal, int level) {
        setDeleted(ordinal, false);
        counts0[ordinal] = 0;
        offsets0[ordinal] = 0;
        if (level > 0) {
            // allocated while the ordinal is still free, so a compaction skips it
            int size = upperBlockSize(level);
            int off = allocate(size);
            Arrays.fill(pool, off, off + size, 0);
            upperOffsets[ordinal] = off;
        }
        levels[ordinal] = (byte) level;
    }

    void freeNode(int ordinal) {
        garbage += counts0[ordinal];
        if (levels[ordinal] > 0) {
            garbage += upperBlockSize(levels[ordinal]);
        }
        levels[ordinal] = FREE;
        setDeleted(ordinal, false);
        counts0[ordinal] = 0;
        offsets0[ordinal] = 0;
        upperOffsets[ordinal] = 0;
    }

    boolean exists(int ordinal) {
        return ordinal < levels.length && levels[ordinal] != FREE;
    }

    int level(int ordinal) {
        return levels[ordinal];
    }

    boolean isDeleted(int ordinal) {
        return (deleted[ordinal >>> 6] & (1L << ordinal)) != 0;
    }

    void markDeleted(int ordinal) {
        setDeleted(ordinal, true);
    }

    private void setDeleted(int ordinal, boolean value) {
        if (value) {
            deleted[ordinal >>> 6] |= 1L << ordinal;
        } else {
            deleted[ordinal >>> 6] &= ~(1L << ordinal);
        }
    }

    boolean isLive(int ordinal) {
        return levels[ordinal] != FREE && !isDeleted(ordinal);
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

    // --- neighbour lists: (array, offset, count) views, valid until the next setNeighbors ---

    int[] neighborArray(int ordinal, int level) {
        return pool;
    }

    int offset(int ordinal, int level) {
        return level == 0 ? offsets0[ordinal] : upperOffsets[ordinal] + (level - 1) * (m + 1) + 1;
    }

    int count(int ordinal, int level) {
        return level == 0 ? counts0[ordinal] : pool[offset(ordinal, level) - 1];
    }

    int neighbor(int ordinal, int level, int i) {
        return pool[offset(ordinal, level) + i];
    }

    /** Replaces a node's list with the first {@code count} of the given (sorted) nodes. */
    void setNeighbors(int ordinal, int level, int[] nodes, int count) {
        if (level > 0) {
            int off = offset(ordinal, level);
            System.arraycopy(nodes, 0, pool, off, count);
            pool[off - 1] = count;
            return;
        }
        int old = counts0[ordinal];
        if (count > old) {
            // grown lists move to the pool's end; shrunk ones leave their tail as garbage
            garbage += old;
            counts0[ordinal] = 0; // a compaction on the way must not keep the old copy
            offsets0[ordinal] = allocate(count);
        } else {
            garbage += old - count;
        }
        System.arraycopy(nodes, 0, pool, offsets0[ordinal], count);
        counts0[ordinal] = (short) count;
    }

    private int upperBlockSize(int level) {
        return level * (m + 1);
    }

    private int allocate(int size) {
        if (top + size > pool.length) {
            compact(size);
        }
        int off = top;
        top += size;
        return off;
    }

    /** Copies the live lists to a new pool with a quarter of their size free, in ordinal order. */
    private void compact(int need) {
        int[] next = new int[PoolSizes.compacted((long) top - garbage + need, "links")];
        int at = 0;
        for (int ordinal = 0; ordinal < levels.length; ordinal++) {
            if (levels[ordinal] == FREE) {
                continue;
            }
            int count = counts0[ordinal];
            System.arraycopy(pool, offsets0[ordinal], next, at, count);
            offsets0[ordinal] = at;
            at += count;
            if (levels[ordinal] > 0) {
                int size = upperBlockSize(levels[ordinal]);
                System.arraycopy(pool, upperOffsets[ordinal], next, at, size);
                upperOffsets[ordinal] = at;
                at += size;
            }
        }
        pool = next;
        top = at;
        garbage = 0;
    }

    long bytesUsed() {
        return RamBytes.OBJECT_HEADER
                + 8 * RamBytes.REFERENCE
                + 6 * Integer.BYTES
                + RamBytes.of(levels)
                + RamBytes.of(deleted)
                + RamBytes.of(offsets0)
                + RamBytes.of(counts0)
                + RamBytes.of(upperOffsets)
                + RamBytes.of(pool);
    }
}
