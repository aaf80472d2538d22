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
    private int[] oldList = new int[64];
    private int[] sortedNodes = new int[64];
    private float[] sortedScores = new float[64];
    private int[] finalNodes = new int[64];
    private float[] finalScores = new float[64];

    GraphRepair(HnswGraph graph, VectorStore store, NeighborLinker linker, DirtySet dirty) {
        this.graph = graph;
        this.store = store;
        this.linker = linker;
        this.dirty = dirty;
    }

    /** Heap bytes of the marks a repair keeps, which grow with the graph once it has run. */
    long bytesUsed() {
        return seen.bytesUsed();
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
        int off = graph.offset(p, level);
        int count = graph.count(p, level);
        for (int i = 0; i < count; i++) {
            int q = a[off + i];
            if (!graph.isDeleted(q) && seen.visit(q)) {
                n = add(n, q, store.score(p, q));
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
        int oldCount = count;
        ensureOld(Math.max(oldCount, n));
        System.arraycopy(a, off, oldList, 0, oldCount);
        System.arraycopy(nodes, 0, sortedNodes, 0, n);
        System.arraycopy(scores, 0, sortedScores, 0, n);
        int diverse = linker.selectDiverse(nodes, scores, n, graph.maxConnections(level));
        int kept = fillToDegree(n, diverse, Math.min(oldCount, graph.maxConnections(level)));
        graph.setNeighbors(p, level, nodes, kept);
        dirty.mark(p);
        // Back-links from newly chosen neighbours keep the graph two-way, as insertion does;
        // without them nodes that only deleted nodes pointed to drift out of reach.
        for (int i = 0; i < kept; i++) {
            if (!contains(oldList, oldCount, nodes[i])) {
                linker.addLink(nodes[i], p, scores[i], level);
            }
        }
    }

    /**
     * Tops the diverse choice up with the best pruned candidates until the list is as long as it
     * was before the repair, keeping it sorted. Pruning alone shrinks lists at every repair (an
     * insert's lists grow back through back-links, a repaired list does not), and the thinner graph
     * loses recall round after round of churn.
     */
    private int fillToDegree(int n, int diverse, int degree) {
        int fill = Math.max(0, degree - diverse);
        int out = 0;
        for (int i = 0; i < n; i++) {
            boolean chosen = contains(nodes, diverse, sortedNodes[i]);
            if (chosen || fill > 0) {
                if (!chosen) {
                    fill--;
                }
                finalNodes[out] = sortedNodes[i];
                finalScores[out++] = sortedScores[i];
            }
        }
        System.arraycopy(finalNodes, 0, nodes, 0, out);
        System.arraycopy(finalScores, 0, scores, 0, out);
        return out;
    }

    private void ensureOld(int n) {
        if (oldList.length < n) {
            oldList = new int[n * 2];
            sortedNodes = new int[n * 2];
            sortedScores = new float[n * 2];
            finalNodes = new int[n * 2];
            finalScores = new float[n * 2];
        }
    }

    private static boolean contains(int[] a, int n, int x) {
        for (int i = 0; i < n; i++) {
            if (a[i] == x) {
                return true;
            }
        }
        return false;
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
