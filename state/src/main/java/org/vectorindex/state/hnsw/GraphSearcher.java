package org.vectorindex.state.hnsw;

import java.util.function.IntPredicate;

/**
 * Beam search over one level of the graph. Owns its scratch heaps and visited set and reuses them
 * across calls, so a search allocates nothing; one instance per index, not thread-safe (a Flink
 * operator instance is single-threaded).
 *
 * <p>Before it scores a node's neighbours it touches their vectors, one load per cache line ({@link
 * OrdinalScorer#touch}): the misses then overlap instead of each distance waiting for its own, as
 * hnswlib gets from prefetching. The touches change no score and no decision.
 */
final class GraphSearcher {
    /**
     * Whether new searchers touch ahead ({@code -Dvectorindex.hnsw.touchAhead=false} turns it off,
     * for an A/B); not final so that a test can build both ways in one JVM.
     */
    static boolean touchAheadDefault =
            !"false".equals(System.getProperty("vectorindex.hnsw.touchAhead"));

    private final HnswGraph graph;
    private final boolean touchAhead;
    private final LongHeap candidates = LongHeap.maxHeap(256);
    private final LongHeap results = LongHeap.minHeap(256);
    private final VisitedSet visited = new VisitedSet(1024);
    private int visitedCount;
    private long scored;
    private int[] fresh = new int[64];

    /** Bits of the touched values, stored so the loads cannot be dropped; never read. */
    @SuppressWarnings("unused")
    private int touched;

    GraphSearcher(HnswGraph graph) {
        this(graph, touchAheadDefault);
    }

    GraphSearcher(HnswGraph graph, boolean touchAhead) {
        this.graph = graph;
        this.touchAhead = touchAhead;
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
            if (touchAhead) {
                int bits = 0;
                for (int i = 0; i < count; i++) {
                    bits ^= scorer.touch(nodes[off + i]);
                }
                touched ^= bits;
            }
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
            int unvisited = markUnvisited(scorer, node, level);
            int[] f = fresh;
            // scored in list order, the limit counted per node scored: the same sequence, and so
            // the same decisions, as marking and scoring one neighbour at a time
            for (int i = 0; i < unvisited; i++) {
                int n = f[i];
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

    /**
     * Marks the node's unvisited neighbours visited and gathers them, in list order, into {@link
     * #fresh}, touching each one's vector if this searcher touches ahead; returns how many.
     */
    private int markUnvisited(OrdinalScorer scorer, int node, int level) {
        int[] nodes = graph.neighborArray(node, level);
        int off = graph.offset(node, level);
        int count = graph.count(node, level);
        if (fresh.length < count) {
            fresh = new int[count];
        }
        int[] f = fresh;
        int k = 0;
        int bits = 0;
        for (int i = 0; i < count; i++) {
            int n = nodes[off + i];
            if (visited.visit(n)) {
                f[k++] = n;
                if (touchAhead) {
                    bits ^= scorer.touch(n);
                }
            }
        }
        touched ^= bits;
        return k;
    }
}
