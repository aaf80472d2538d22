package org.vectorindex.jobs.bench.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Synthetic bench vectors: the same for a seed, clustered, and queries apart from upserts. */
class SyntheticVectorsTest {
    @Test
    void aVectorDependsOnlyOnTheSeedAndItsNumber() {
        SyntheticVectors a = SyntheticVectors.parse("1000000x16", 10, 7);
        SyntheticVectors b = SyntheticVectors.parse("1_000_000x16", 10, 7);
        assertEquals(1_000_000, a.count());
        assertEquals(16, a.dimension());
        assertArrayEquals(a.vector(999_999), b.vector(999_999));
        assertArrayEquals(a.queries(3)[2], b.queries(3)[2]);
        assertFalse(Arrays.equals(a.vector(1), a.vector(2)));
        assertFalse(
                Arrays.equals(a.vector(1), SyntheticVectors.parse("10x16", 10, 8).vector(1)),
                "another seed, other vectors");
    }

    @Test
    void vectorsFallIntoTheGivenNumberOfTightClusters() {
        int clusters = 5;
        SyntheticVectors s = new SyntheticVectors(2000, 32, clusters, 3);
        // Two vectors of one cluster lie about 2 x 32 x 0.25^2 = 4 apart (squared), two of
        // different clusters about 2 x 32 = 64: snapping each vector to the first one within 16
        // finds one group per cluster.
        float[][] reps = new float[clusters * 2][];
        int groups = 0;
        for (int n = 0; n < 2000; n++) {
            float[] v = s.vector(n);
            boolean near = false;
            for (int g = 0; g < groups && !near; g++) {
                near = squared(v, reps[g]) < 16;
            }
            if (!near) {
                assertTrue(groups < reps.length, "more groups than clusters: " + groups);
                reps[groups++] = v;
            }
        }
        assertEquals(clusters, groups);
    }

    @Test
    void queriesAreNoneOfTheUpsertedVectors() {
        SyntheticVectors s = new SyntheticVectors(500, 8, 4, 1);
        Set<String> upserted = new HashSet<>();
        for (int n = 0; n < 500; n++) {
            upserted.add(Arrays.toString(s.vector(n)));
        }
        for (float[] q : s.queries(100)) {
            assertFalse(upserted.contains(Arrays.toString(q)));
        }
    }

    @Test
    void aBadSpecSaysWhatItShouldBe() {
        String m =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SyntheticVectors.parse("1e6", 1, 1))
                        .getMessage();
        assertTrue(m.contains("COUNTxDIMENSION"), m);
        assertThrows(IllegalArgumentException.class, () -> SyntheticVectors.parse("0x8", 1, 1));
    }

    private static float squared(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
