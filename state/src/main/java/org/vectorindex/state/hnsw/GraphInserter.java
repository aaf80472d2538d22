package org.vectorindex.state.hnsw;

import java.util.function.IntPredicate;

/**
 * Links a new node into the graph: greedy descent to its level, then on each level a beam search of
 * width efConstruction, a diverse choice of neighbours, and back-links from them.
 */
final class GraphInserter {
    private final HnswGraph graph;
    private final GraphSearcher searcher;
    private final NeighborLinker linker;
    private final DirtySet changedNodes;
    private final DirtySet changedLinks;
    private final VectorStore.NodeScorer scorer;
    private final IntPredicate live;
    private final int efConstruction;
    private long[] entries = new long[16];
    private int[] candidateNodes = new int[16];
    private float[] candidateScores = new float[16];

    GraphInserter(
            HnswGraph graph,
            VectorStore store,
            GraphSearcher searcher,
            NeighborLinker linker,
            DirtySet changedNodes,
            DirtySet changedLinks,
            int efConstruction) {
        this.graph = graph;
        this.searcher = searcher;
        this.linker = linker;
        this.changedNodes = changedNodes;
        this.changedLinks = changedLinks;
        this.scorer = store.new NodeScorer();
        this.live = graph::isLive;
        this.efConstruction = efConstruction;
    }

    void insert(int ordinal, int level) {
        graph.addNode(ordinal, level);
        changedNodes.mark(ordinal);
        changedLinks.mark(ordinal);
        int entry = graph.entryPoint();
        if (entry < 0) {
            graph.setEntryPoint(ordinal, level);
            changedNodes.markMeta();
            return;
        }
        scorer.reset(ordinal);
        int topLevel = graph.maxLevel();
        long current = NodeScore.encode(entry, scorer.score(entry));
        for (int l = topLevel; l > level; l--) {
            current = searcher.greedy(scorer, current, l);
        }
        entries[0] = current;
        int entryCount = 1;
        for (int l = Math.min(level, topLevel); l >= 0; l--) {
            searcher.searchLevel(
                    scorer, entries, entryCount, efConstruction, l, live, Integer.MAX_VALUE);
            entryCount = drainBestFirst(searcher.results());
            for (int i = 0; i < entryCount; i++) {
                entries[i] = NodeScore.encode(candidateNodes[i], candidateScores[i]);
            }
            int kept =
                    linker.selectDiverse(
                            candidateNodes, candidateScores, entryCount, graph.maxConnections(l));
            graph.setNeighbors(ordinal, l, candidateNodes, kept);
            for (int i = 0; i < kept; i++) {
                linker.addLink(candidateNodes[i], ordinal, candidateScores[i], l);
            }
        }
        if (level > topLevel) {
            graph.setEntryPoint(ordinal, level);
            changedNodes.markMeta();
        }
    }

    /** Empties the result heap into the candidate arrays, best first; returns the count. */
    private int drainBestFirst(LongHeap results) {
        int n = results.size();
        if (candidateNodes.length < n) {
            candidateNodes = new int[n * 2];
            candidateScores = new float[n * 2];
            entries = new long[n * 2];
        }
        for (int i = n - 1; i >= 0; i--) {
            long top = results.pop();
            candidateNodes[i] = NodeScore.node(top);
            candidateScores[i] = NodeScore.score(top);
        }
        return n;
    }
}
