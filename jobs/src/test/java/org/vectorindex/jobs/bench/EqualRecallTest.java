package org.vectorindex.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EqualRecallTest {
    private static final double[] RECALL = {0.90, 0.95, 0.99};
    private static final double[] QPS = {3000, 2000, 1000};

    @Test
    void interpolatesLinearlyBetweenMeasuredPoints() {
        assertEquals(1500, EqualRecall.qpsAt(0.97, RECALL, QPS), 1e-9);
        assertEquals(2000, EqualRecall.qpsAt(0.95, RECALL, QPS), 1e-9);
        assertEquals(
                2500,
                EqualRecall.qpsAt(
                        0.925, new double[] {0.95, 0.90, 0.99}, new double[] {2000, 3000, 1000}),
                1e-9);
    }

    @Test
    void outsideTheMeasuredRangeThereIsNoAnswer() {
        assertTrue(Double.isNaN(EqualRecall.qpsAt(0.995, RECALL, QPS)));
        assertTrue(Double.isNaN(EqualRecall.qpsAt(0.5, RECALL, QPS)));
    }

    @Test
    void aDominatedNoisyPointIsReplacedByTheFasterMoreAccurateOne() {
        // ef=10 measured slower than ef=20 (noise): at recall 0.9 you can get 2000 qps anyway.
        double[] recall = {0.90, 0.95};
        double[] qps = {1500, 2000};
        assertEquals(2000, EqualRecall.qpsAt(0.90, recall, qps), 1e-9);
        assertEquals(2000, EqualRecall.qpsAt(0.93, recall, qps), 1e-9);
    }
}
