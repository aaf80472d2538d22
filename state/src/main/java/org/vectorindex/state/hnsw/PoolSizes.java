package org.vectorindex.state.hnsw;

/** How the append-only pools (links, id bytes) grow when they are compacted. */
final class PoolSizes {
    private PoolSizes() {}

    /**
     * The length of a compacted pool holding {@code live} entries: a quarter more, so that the next
     * compaction is amortized over many appends; fails when that exceeds an array.
     */
    static int compacted(long live, String unit) {
        long length = live + live / 4 + 16;
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("index shard is full: " + live + " " + unit);
        }
        return (int) length;
    }
}
