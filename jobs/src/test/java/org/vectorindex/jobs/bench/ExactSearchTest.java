package org.vectorindex.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.state.math.Metric;

class ExactSearchTest {
    @ParameterizedTest
    @EnumSource(Metric.class)
    void matchesANaiveSortForEveryMetric(Metric metric) {
        float[][] base = ClusteredData.generate(1500, 12, 8, 1.5, 7);
        float[][] queries = ClusteredData.generate(40, 12, 8, 1.5, 8);
        ToDoubleBiFunction<float[], float[]> distance =
                switch (metric) {
                    case L2 -> ClusteredData::l2;
                    case COSINE -> ClusteredData::cosineDistance;
                    case DOT -> ClusteredData::negativeDot;
                };
        int k = 10;
        int[][] expected = ClusteredData.naiveTruth(base, queries, k, distance);
        int[][] actual = new ExactSearch(metric, base, k).searchAll(queries);
        // Float vs double rounding may swap near-ties, so compare as sets via recall.
        assertEquals(1.0, Recall.atK(actual, expected, k), 0.005);
        for (int[] row : actual) {
            assertEquals(k, row.length);
        }
    }

    @Test
    void returnsBestFirstAndCapsKAtTheBaseSize() {
        // distances to 2.1: 4.41, 8.41, 1.21, 0.81
        float[][] base = {{0f}, {5f}, {1f}, {3f}};
        ExactSearch exact = new ExactSearch(Metric.L2, base, 10);
        assertEquals(4, exact.k());
        assertEquals(java.util.List.of(3, 2, 0, 1), boxed(exact.search(new float[] {2.1f})));
        assertThrows(IllegalArgumentException.class, () -> exact.search(new float[] {1f, 2f}));
    }

    @Test
    void tiesPreferTheLowerOrdinal() {
        float[][] base = {{1f}, {-1f}, {1f}, {-1f}};
        assertEquals(
                java.util.List.of(0, 1),
                boxed(new ExactSearch(Metric.L2, base, 2).search(new float[] {0f})));
    }

    private static java.util.List<Integer> boxed(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
