package org.vectorindex.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecallTest {
    @Test
    void countsOverlapOfTheTopKOnly() {
        int[][] truth = {{1, 2, 3, 4, 99}, {5, 6, 7, 8, 98}};
        int[][] results = {{4, 3, 2, 1, 0}, {5, 99, 98, 97, 6}};
        // query 0: all 4 of the true top 4; query 1: {5, 6} within the first 4 returned → 5 only
        assertEquals((4 / 4.0 + 1 / 4.0) / 2, Recall.atK(results, truth, 4), 1e-12);
    }

    @Test
    void shortAnswersAndDuplicatesAreCharged() {
        int[][] truth = {{1, 2, 3}};
        assertEquals(1 / 3.0, Recall.atK(new int[][] {{1}}, truth, 3), 1e-12);
        assertEquals(1 / 3.0, Recall.atK(new int[][] {{1, 1, 1}}, truth, 3), 1e-12);
        assertEquals(0.0, Recall.atK(new int[][] {{}}, truth, 3), 1e-12);
    }

    @Test
    void rejectsTruthThatIsTooShort() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Recall.atK(new int[][] {{1}}, new int[][] {{1}}, 2));
        assertThrows(
                IllegalArgumentException.class,
                () -> Recall.atK(new int[][] {{1}, {2}}, new int[][] {{1}}, 1));
    }
}
