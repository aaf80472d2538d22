package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.StoredEncoding;
import org.vectorindex.state.testing.ClusteredData;

/**
 * Touching the neighbours' vectors ahead of scoring them changes nothing: the same graph, the same
 * answers to the bit, the same early stops at a visit limit, with the touches on and off.
 */
class TouchAheadTest {
    /** Dimension, metric, encoding: odd and even, below and above a cache line, both INT8 modes. */
    private static final Object[][] INDEXES = {
        {5, Metric.L2, StoredEncoding.FLOAT32},
        {37, Metric.COSINE, StoredEncoding.FLOAT32},
        {129, Metric.DOT, StoredEncoding.FLOAT32},
        {37, Metric.L2, StoredEncoding.INT8},
        {67, Metric.COSINE, StoredEncoding.INT8}
    };

    @Test
    void graphsAndAnswersAreTheSameWithAndWithoutTouchingAhead() {
        for (Object[] spec : INDEXES) {
            int dim = (int) spec[0];
            String name = dim + " " + spec[1] + " " + spec[2];
            HnswIndex off = build(dim, (Metric) spec[1], (StoredEncoding) spec[2], false);
            HnswIndex on = build(dim, (Metric) spec[1], (StoredEncoding) spec[2], true);
            assertEquals(off.graphDigest(), on.graphDigest(), name);
            // one id in 40 accepted: a walk that stops at its visit limit, then an exact scan
            Predicate<String> rare = id -> id.hashCode() % 40 == 0;
            for (float[] q : ClusteredData.generate(15, dim, 6, dim + 1)) {
                assertEquals(off.search(q, 10, 40), on.search(q, 10, 40), name);
                assertEquals(off.search(q, 3, 8), on.search(q, 3, 8), name);
                assertEquals(
                        off.searchAccepting(q, 10, 40, rare),
                        on.searchAccepting(q, 10, 40, rare),
                        name);
            }
        }
    }

    @Test
    void aLevelSearchStopsAtTheSameVisitWithTheSameResults() {
        for (StoredEncoding encoding : StoredEncoding.values()) {
            HnswIndex index = build(37, Metric.L2, encoding, true);
            HnswGraph graph = index.graph();
            GraphSearcher off = new GraphSearcher(graph, false);
            GraphSearcher on = new GraphSearcher(graph, true);
            VectorStore.QueryScorer scorer = index.store().new QueryScorer();
            boolean stopped = false;
            for (float[] q : ClusteredData.generate(10, 37, 6, 99)) {
                scorer.reset(q);
                int ep = graph.entryPoint();
                long[] entry = {NodeScore.encode(ep, scorer.score(ep))};
                for (int limit : new int[] {1, 2, 5, 17, 60, 250, Integer.MAX_VALUE}) {
                    boolean complete = off.searchLevel(scorer, entry, 1, 20, 0, null, limit);
                    stopped |= !complete;
                    assertEquals(
                            complete,
                            on.searchLevel(scorer, entry, 1, 20, 0, null, limit),
                            encoding + " limit " + limit);
                    assertEquals(off.visitedCount(), on.visitedCount(), "limit " + limit);
                    assertArrayEquals(drain(off.results()), drain(on.results()));
                }
            }
            assertEquals(off.scored(), on.scored());
            assertTrue(stopped, "some searches stop at their limit");
        }
    }

    private static HnswIndex build(
            int dim, Metric metric, StoredEncoding encoding, boolean touchAhead) {
        boolean before = GraphSearcher.touchAheadDefault;
        GraphSearcher.touchAheadDefault = touchAhead;
        try {
            HnswIndex index =
                    new HnswIndex(
                            HnswConfig.builder()
                                    .dimension(dim)
                                    .metric(metric)
                                    .m(8)
                                    .efConstruction(50)
                                    .storedEncoding(encoding)
                                    .build());
            float[][] data = ClusteredData.generate(900, dim, 8, dim);
            for (int i = 0; i < 800; i++) {
                index.upsert("id" + i, data[i]);
                if (i % 7 == 0) {
                    index.delete("id" + (i / 2));
                }
                if (i % 11 == 0) {
                    index.upsert("id" + (i / 3), data[800 + i % 100]);
                }
            }
            return index;
        } finally {
            GraphSearcher.touchAheadDefault = before;
        }
    }

    private static long[] drain(LongHeap heap) {
        List<Long> out = new ArrayList<>();
        while (!heap.isEmpty()) {
            out.add(heap.pop());
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
