package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HitFormatTest {
    @Test
    void scoresKeepSixSignificantDigitsForEveryMetric() {
        // l2: 1/(1+d²) with d² = 52341 (a typical SIFT distance)
        assertEquals("0.0000191051", HitFormat.score(1f / (1 + 52341f)));
        assertEquals("0.93", HitFormat.score(0.93f));
        assertEquals("1", HitFormat.score(1f));
        assertEquals("-0.25", HitFormat.score(-0.25f));
        assertEquals("12.3457", HitFormat.score(12.345678f)); // MaxSim is not bounded by 1
        assertEquals("0", HitFormat.score(0f));
    }
}
