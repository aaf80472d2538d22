package org.vectorindex.state.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive building blocks of the search path. */
class PrimitiveStructuresTest {

    @Test
    void nodeScoreOrdersByScoreThenLowerOrdinal() {
        long a = NodeScore.encode(5, 0.5f);
        long b = NodeScore.encode(3, 0.5f);
        long c = NodeScore.encode(1, -2f);
        assertTrue(b > a, "equal scores: lower ordinal ranks higher");
        assertTrue(a > c);
        assertEquals(5, NodeScore.node(a));
        assertEquals(-2f, NodeScore.score(c));
        assertEquals(-123.25f, NodeScore.score(NodeScore.encode(Integer.MAX_VALUE, -123.25f)));
        assertEquals(Integer.MAX_VALUE, NodeScore.node(NodeScore.encode(Integer.MAX_VALUE, 1f)));
    }

    @Test
    void longHeapsPopInOrderAndBoundedPushKeepsTheBest() {
        SplittableRandom random = new SplittableRandom(1);
        LongHeap min = LongHeap.minHeap(4);
        LongHeap max = LongHeap.maxHeap(4);
        LongHeap bounded = LongHeap.minHeap(4);
        long[] values = new long[500];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong();
            min.push(values[i]);
            max.push(values[i]);
            bounded.pushBounded(values[i], 10);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        for (long expected : sorted) {
            assertEquals(expected, min.pop());
        }
        for (int i = sorted.length - 1; i >= 0; i--) {
            assertEquals(sorted[i], max.pop());
        }
        assertEquals(10, bounded.size());
        for (int i = sorted.length - 10; i < sorted.length; i++) {
            assertEquals(sorted[i], bounded.pop());
        }
        assertTrue(min.isEmpty() && max.isEmpty() && bounded.isEmpty());
    }

    @Test
    void visitedSetClearsByGenerationAndGrows() {
        VisitedSet visited = new VisitedSet(4);
        visited.clear(4);
        assertTrue(visited.visit(3));
        assertFalse(visited.visit(3));
        visited.clear(100);
        assertFalse(visited.isVisited(3));
        assertTrue(visited.visit(99));
    }

    @Test
    void dirtySetDrainsEachOrdinalOnceInFirstChangeOrder() {
        DirtySet dirty = new DirtySet();
        dirty.mark(70);
        dirty.mark(2);
        dirty.mark(70);
        dirty.markMeta();
        List<Integer> drained = new ArrayList<>();
        assertTrue(dirty.metaChanged());
        dirty.drain(drained::add);
        assertEquals(List.of(70, 2), drained);
        assertFalse(dirty.metaChanged());
        drained.clear();
        dirty.drain(drained::add);
        assertTrue(drained.isEmpty());
    }

    @Test
    void levelsComeFromTheIdAndSeedWithGeometricTail() {
        LevelAssigner assigner = new LevelAssigner(42, 16);
        assertEquals(assigner.levelOf("doc-1"), new LevelAssigner(42, 16).levelOf("doc-1"));
        int[] histogram = new int[LevelAssigner.MAX_LEVEL + 1];
        int differentSeed = 0;
        LevelAssigner other = new LevelAssigner(43, 16);
        for (int i = 0; i < 100_000; i++) {
            histogram[assigner.levelOf("id-" + i)]++;
            differentSeed += assigner.levelOf("id-" + i) != other.levelOf("id-" + i) ? 1 : 0;
        }
        // P(level >= 1) = 1/M for mL = 1/ln(M).
        assertEquals(100_000 / 16.0, 100_000 - histogram[0], 400);
        assertTrue(histogram[1] > histogram[2] && histogram[2] > histogram[3]);
        assertTrue(differentSeed > 1000, "the seed must change levels");
    }
}
