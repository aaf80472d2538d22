package org.vectorindex.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dashboard's arithmetic: counter rates, latency quantiles and recall windows. */
class AggregationTest {

    @Test
    void ratesFollowTheCounterAndSurviveARestart() {
        RateMeter m = new RateMeter();
        assertEquals(0, m.update(10_000, 500), 0, "first reading: no interval yet");
        assertEquals(100, m.update(11_000, 600), 1e-9);
        assertEquals(50, m.update(13_000, 700), 1e-9, "two seconds, 100 more");
        assertEquals(50, m.update(13_000, 800), 1e-9, "no time passed: rate kept");
        assertEquals(40, m.update(14_000, 40), 1e-9, "counter restarted at 0 and counted 40");
        assertEquals(0, m.update(15_000, 40), 1e-9);
    }

    @Test
    void latencyQuantilesAreNearestRankOverTheWindow() {
        Random r = new Random(3);
        LatencyWindow w = new LatencyWindow(10_000, 100_000);
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            double ms = Math.round(r.nextDouble() * 1000) / 10.0;
            w.add(5_000, ms);
            all.add(ms);
        }
        Collections.sort(all);
        for (double p : new double[] {0.01, 0.5, 0.9, 0.99, 1.0}) {
            int rank = (int) Math.ceil(p * all.size());
            assertEquals(all.get(rank - 1), w.quantile(5_000, p), "p" + p);
        }
        assertEquals(1001, w.size(15_000), "still inside the 10 s window");
        w.add(16_000, 7);
        assertEquals(7.0, w.quantile(16_000, 0.99), "older samples left the window");
        assertNull(new LatencyWindow(1000, 10).quantile(0, 0.5), "no sample: no quantile");
    }

    @Test
    void latencyWindowKeepsOnlyTheNewestUpToItsCapacity() {
        LatencyWindow w = new LatencyWindow(60_000, 3);
        for (int i = 1; i <= 5; i++) {
            w.add(i, i * 10);
        }
        assertEquals(3, w.size(5));
        assertEquals(30.0, w.quantile(5, 0.01));
    }

    @Test
    void recallIsExactFromSumsSinceStartAndInTheWindow() {
        RecallWindow w = new RecallWindow(30_000);
        assertNull(w.sinceStart());
        w.update(0, 0, 0, 0);
        assertNull(w.windowed(), "no sample yet");
        w.update(10_000, 10, 95, 100);
        w.update(20_000, 20, 185, 200);
        assertEquals(0.925, w.sinceStart(), 1e-12);
        assertEquals(0.925, w.windowed(), 1e-12);
        w.update(50_000, 30, 285, 300);
        // the window now starts at the 20 s reading: 100 more truth ids, 100 found
        assertEquals(1.0, w.windowed(), 1e-12);
        assertEquals(0.95, w.sinceStart(), 1e-12);
        assertEquals(30, w.samples());
        w.update(60_000, 2, 18, 20);
        assertEquals(0.9, w.sinceStart(), 1e-12, "a restarted job counts from zero again");
    }
}
