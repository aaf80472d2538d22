package org.vectorindex.state.hnsw;

import java.util.function.IntPredicate;

/**
 * Beam search over one level of the graph. Owns its scratch heaps and visited set and reuses them
 * across calls, so a search allocates nothing; one instance per index, not thread-safe (a Flink
 * operator instance is single-threaded).
 */
final class GraphSearcher {
    private final HnswGraph graph;
    private final LongHeap candidates = LongHeap.maxHeap(256);
    private final LongHeap results = LongHeap.minHeap(256);
    private final VisitedSet visited = new VisitedSet(1024);
    private int visitedCount;
    private long scored;

    GraphSearcher(HnswGraph graph) {
        this.graph = graph;
    }

    /** The results of the last {@link #searchLevel}: a min-heap, worst on top. */
    LongHeap results() {
        return results;
    }

    /** Nodes scored by the last {@link #searchLevel}. */
    int visitedCount() {
        return visitedCount;
    }

    /** Vectors scored by greedy descents and level searches since the last reset. */
    long scored() {
        return scored;
    }

    /** Heap bytes of the visited marks, which grow with the graph. */
    long visitedBytes() {
        return visited.bytesUsed();
    }

    void resetScored() {
        scored = 0;
    }

    /** Greedy descent used on the levels above the target: follow the best neighbour. */
    long greedy(OrdinalScorer scorer, long start, int level) {
        int best = NodeScore.node(start);
        float bestScore = NodeScore.score(start);
        boolean improved = true;
        while (improved) {
            improved = false;
            int[] nodes = graph.neighborArray(best, level);
            int off = graph.offset(best, level);
            int count = graph.count(best, level);
            scored += count;
            for (int i = 0; i < count; i++) {
                int n = nodes[off + i];
                float s = scorer.score(n);
                if (s > bestScore || (s == bestScore && n < best)) {
                    bestScore = s;
                    best = n;
                    improved = true;
                }
            }
        }
        return NodeScore.encode(best, bestScore);
    }

    /**
     * Searches one level from the given entries, keeping the {@code ef} best nodes that {@code
     * accept} admits (all nodes are traversed, admitted or not). Stops early and returns false once
     * more than {@code visitLimit} nodes have been scored.
     */
    boolean searchLevel(
            OrdinalScorer scorer,
            long[] entries,
            int entryCount,
            int ef,
            int level,
            IntPredicate accept,
            int visitLimit) {
        candidates.clear();
        results.clear();
        visited.clear(graph.capacity());
        visitedCount = 0;
        for (int i = 0; i < entryCount; i++) {
            int node = NodeScore.node(entries[i]);
            if (!visited.visit(node)) {
                continue;
            }
            visitedCount++;
            long scored = entries[i];
            candidates.push(scored);
            if (accept == null || accept.test(node)) {
                results.pushBounded(scored, ef);
            }
        }
        float minAccepted =
                results.size() >= ef ? NodeScore.score(results.top()) : Float.NEGATIVE_INFINITY;
        while (!candidates.isEmpty()) {
            long top = candidates.pop();
            if (NodeScore.score(top) < minAccepted) {
                break;
            }
            int node = NodeScore.node(top);
            int[] nodes = graph.neighborArray(node, level);
            int off = graph.offset(node, level);
            int count = graph.count(node, level);
            for (int i = 0; i < count; i++) {
                int n = nodes[off + i];
                if (!visited.visit(n)) {
                    continue;
                }
                if (++visitedCount > visitLimit) {
                    scored += visitedCount;
                    return false;
                }
                float s = scorer.score(n);
                if (s >= minAccepted) {
                    long scored = NodeScore.encode(n, s);
                    candidates.push(scored);
                    if (accept == null || accept.test(n)) {
                        results.pushBounded(scored, ef);
                        if (results.size() >= ef) {
                            minAccepted = NodeScore.score(results.top());
                        }
                    }
                }
            }
        }
        scored += visitedCount;
        return true;
    }
}
