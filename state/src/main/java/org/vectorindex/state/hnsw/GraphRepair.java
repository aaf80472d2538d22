package org.vectorindex.state.hnsw;

import java.util.Arrays;

/**
 * Removes deleted nodes for good. Every live node that links to a deleted one gets, as new
 * candidates, its live neighbours plus the live neighbours of its deleted neighbours, re-pruned
 * with the diversity heuristic (the FreshDiskANN / Vespa repair); then the deleted ordinals are
 * freed for reuse. Nodes are visited in ordinal order so the result is deterministic.
 */
final class GraphRepair {
    private final HnswGraph graph;
    private final VectorStore store;
    private final NeighborLinker linker;
    private final DirtySet dirty;
    private final VisitedSet seen = new VisitedSet(1024);
    private long[] candidates = new long[64];
    private int[] nodes = new int[64];
    private float[] scores = new float[64];

    GraphRepair(HnswGraph graph, VectorStore store, NeighborLinker linker, DirtySet dirty) {
        this.graph = graph;
        this.store = store;
        this.linker = linker;
        this.dirty = dirty;
    }

    /** Repairs every live node's lists among ordinals below {@code limit}. */
    void repairAll(int limit) {
        for (int p = 0; p < limit; p++) {
            if (!graph.isLive(p)) {
                continue;
            }
            for (int level = 0; level <= graph.level(p); level++) {
                if (linksToDeleted(p, level)) {
                    repair(p, level);
                }
            }
        }
    }

    private boolean linksToDeleted(int p, int level) {
        int[] a = graph.neighborArray(p, level);
        int off = graph.offset(p, level);
        int count = graph.count(p, level);
        for (int i = 0; i < count; i++) {
            if (graph.isDeleted(a[off + i])) {
                return true;
            }
        }
        return false;
    }

    private void repair(int p, int level) {
        seen.clear(graph.capacity());
        seen.visit(p);
        int n = 0;
        int[] a = graph.neighborArray(p, level);
        float[] s = graph.scoreArray(p, level);
        int off = graph.offset(p, level);
        int count = graph.count(p, level);
        for (int i = 0; i < count; i++) {
            int q = a[off + i];
            if (!graph.isDeleted(q) && seen.visit(q)) {
                n = add(n, q, s[off + i]);
            }
        }
        for (int i = 0; i < count; i++) {
            int d = a[off + i];
            if (!graph.isDeleted(d)) {
                continue;
            }
            int[] da = graph.neighborArray(d, level);
            int doff = graph.offset(d, level);
            int dcount = graph.count(d, level);
            for (int j = 0; j < dcount; j++) {
                int q = da[doff + j];
                if (graph.isLive(q) && seen.visit(q)) {
                    n = add(n, q, store.score(p, q));
                }
            }
        }
        Arrays.sort(candidates, 0, n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            long c = candidates[n - 1 - i];
            nodes[i] = NodeScore.node(c);
            scores[i] = NodeScore.score(c);
        }
        int kept = linker.selectDiverse(nodes, scores, n, graph.maxConnections(level));
        graph.setNeighbors(p, level, nodes, scores, kept);
        dirty.mark(p);
    }

    private int add(int n, int node, float score) {
        if (n == candidates.length) {
            candidates = Arrays.copyOf(candidates, n * 2);
        }
        candidates[n] = NodeScore.encode(node, score);
        return n + 1;
    }

    private void ensure(int n) {
        if (nodes.length < n) {
            nodes = new int[n * 2];
            scores = new float[n * 2];
        }
    }
}
