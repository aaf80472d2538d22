package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SentOffsetsTest {
    @Test
    void remembersExactlyTheAcknowledgedCoordinatesInAnyOrder() {
        SentOffsets s = new SentOffsets();
        s.add("m", 0, 100);
        s.add("m", 0, 102);
        s.add("m", 0, 95); // acknowledged out of order: below the first offset seen
        s.add("m", 1, 7);
        assertTrue(s.contains("m", 0, 100));
        assertTrue(s.contains("m", 0, 102));
        assertTrue(s.contains("m", 0, 95));
        assertFalse(s.contains("m", 0, 101), "another producer's record in between");
        assertFalse(s.contains("m", 0, 94));
        assertFalse(s.contains("m", 0, -1));
        assertTrue(s.contains("m", 1, 7));
        assertFalse(s.contains("m", 2, 7));
        assertFalse(s.contains("q", 0, 100));
        assertEquals(4, s.count());
    }
}
