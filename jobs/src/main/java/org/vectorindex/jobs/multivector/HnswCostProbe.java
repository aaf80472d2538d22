package org.vectorindex.jobs.multivector;

import org.vectorindex.state.hnsw.HnswIndex;

/**
 * Reads how many vectors the last HNSW search scored, so the benchmark can charge the graph walk in
 * multiply-adds (scored vectors × FDE dimension) instead of leaving it out.
 */
final class HnswCostProbe {
    private final HnswIndex graph;

    private HnswCostProbe(HnswIndex graph) {
        this.graph = graph;
    }

    /** A probe for {@code graph}, or null when there is no graph (exact candidate search). */
    static HnswCostProbe attach(HnswIndex graph) {
        return graph == null ? null : new HnswCostProbe(graph);
    }

    long lastScored() {
        return graph.lastSearchScored();
    }
}
