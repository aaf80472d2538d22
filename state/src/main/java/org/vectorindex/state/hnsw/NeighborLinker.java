package org.vectorindex.state.hnsw;

/**
 * Chooses and maintains neighbour lists with the HNSW diversity heuristic (Malkov and Yashunin,
 * algorithm 4): a candidate is kept only if it is closer to the base node than to every neighbour
 * already kept, which keeps long-range links that make the graph navigable.
 */
final class NeighborLinker {
    private final HnswGraph graph;
    private final VectorStore store;
    private final DirtySet dirty;
    private int[] tmpNodes = new int[64];
    private float[] tmpScores = new float[64];

    NeighborLinker(HnswGraph graph, VectorStore store, DirtySet dirty) {
        this.graph = graph;
        this.store = store;
        this.dirty = dirty;
    }

    /**
     * Keeps up to {@code maxConn} diverse candidates out of {@code nodes}/{@code scores}, which
     * must be sorted best first; the kept ones are compacted to the front. Returns how many.
     */
    int selectDiverse(int[] nodes, float[] scores, int count, int maxConn) {
        int kept = 0;
        for (int i = 0; i < count && kept < maxConn; i++) {
            int candidate = nodes[i];
            float toBase = scores[i];
            if (isDiverse(candidate, toBase, nodes, kept)) {
                nodes[kept] = candidate;
                scores[kept] = toBase;
                kept++;
            }
        }
        return kept;
    }

    private boolean isDiverse(int candidate, float toBase, int[] kept, int keptCount) {
        for (int j = 0; j < keptCount; j++) {
            if (store.score(candidate, kept[j]) >= toBase) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds the link {@code from -> to} at {@code level}, keeping the list sorted. A full list drops
     * its worst non-diverse member (or, if all are diverse, its worst), as Lucene does. The list's
     * scores are recomputed, from its worst end only as far as the insertion point unless it is
     * full.
     */
    void addLink(int from, int to, float score, int level) {
        int maxConn = graph.maxConnections(level);
        int count = graph.count(from, level);
        int[] nodes = graph.neighborArray(from, level);
        int off = graph.offset(from, level);
        ensureTmp(count + 1);
        int pos = count;
        while (pos > 0) {
            int node = nodes[off + pos - 1];
            float s = store.score(from, node);
            if (s > score || (s == score && node < to)) {
                tmpScores[pos - 1] = s;
                break;
            }
            tmpScores[pos] = s;
            pos--;
        }
        System.arraycopy(nodes, off, tmpNodes, 0, pos);
        tmpNodes[pos] = to;
        tmpScores[pos] = score;
        System.arraycopy(nodes, off + pos, tmpNodes, pos + 1, count - pos);
        int n = count + 1;
        if (n > maxConn) {
            for (int i = 0; i < pos - 1; i++) {
                tmpScores[i] = store.score(from, tmpNodes[i]);
            }
            int drop = worstNonDiverse(n);
            System.arraycopy(tmpNodes, drop + 1, tmpNodes, drop, n - drop - 1);
            n--;
        }
        graph.setNeighbors(from, level, tmpNodes, n);
        dirty.mark(from);
    }

    private int worstNonDiverse(int n) {
        for (int i = n - 1; i > 0; i--) {
            if (!isDiverse(tmpNodes[i], tmpScores[i], tmpNodes, i)) {
                return i;
            }
        }
        return n - 1;
    }

    private void ensureTmp(int size) {
        if (tmpNodes.length < size) {
            tmpNodes = new int[size * 2];
            tmpScores = new float[size * 2];
        }
    }
}
