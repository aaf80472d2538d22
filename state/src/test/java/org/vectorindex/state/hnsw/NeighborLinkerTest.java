package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vectorindex.state.math.Metric;

/** The diversity heuristic on points placed by hand on a line and a plane. */
class NeighborLinkerTest {

    private final VectorStore store = new VectorStore(2, Metric.L2, 8);
    private final HnswGraph graph = new HnswGraph(2);
    private final NeighborLinker linker = new NeighborLinker(graph, store, new DirtySet());

    private void place(int ordinal, float x, float y) {
        store.ensureCapacity(ordinal + 1);
        graph.ensureCapacity(ordinal + 1);
        store.set(ordinal, new float[] {x, y});
        graph.addNode(ordinal, 0);
    }

    @Test
    void candidatesHiddenBehindAKeptNeighbourArePruned() {
        place(0, 0, 0); // base
        place(1, 1, 0); // nearest, to the east
        place(2, 2, 0); // further east: closer to 1 than to 0 -> pruned
        place(3, -1.5f, 0); // to the west -> kept
        int[] nodes = {1, 3, 2};
        float[] scores = {store.score(0, 1), store.score(0, 3), store.score(0, 2)};
        int kept = linker.selectDiverse(nodes, scores, 3, 4);
        assertEquals(2, kept);
        assertArrayEquals(new int[] {1, 3}, java.util.Arrays.copyOf(nodes, 2));
    }

    @Test
    void fullListDropsItsWorstNonDiverseMemberAndStaysSorted() {
        place(0, 0, 0);
        place(1, 1, 0);
        place(2, 0, 1.1f);
        place(3, 0, -1.2f);
        place(4, 2, 0); // behind 1
        place(5, -3, 0);
        for (int n : new int[] {1, 2, 3, 4}) {
            linker.addLink(0, n, store.score(0, n), 0);
        }
        assertEquals(4, graph.count(0, 0));
        linker.addLink(0, 5, store.score(0, 5), 0);
        assertEquals(4, graph.count(0, 0));
        int[] list = new int[4];
        for (int i = 0; i < 4; i++) {
            list[i] = graph.neighbor(0, 0, i);
        }
        assertArrayEquals(new int[] {1, 2, 3, 5}, list, "node 4 is hidden behind node 1");
    }
}
