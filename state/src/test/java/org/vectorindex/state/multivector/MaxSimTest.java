package org.vectorindex.state.multivector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaxSimTest {

    /** The definition, written the obvious way over boxed-free 2-D arrays. */
    static double naive(float[][] q, float[][] d) {
        double sum = 0;
        for (float[] qi : q) {
            double best = Double.NEGATIVE_INFINITY;
            for (float[] x : d) {
                double s = 0;
                for (int j = 0; j < qi.length; j++) {
                    s += (double) qi[j] * x[j];
                }
                best = Math.max(best, s);
            }
            sum += best;
        }
        return sum;
    }

    static float[][] randomTokens(SplittableRandom rnd, int n, int dim) {
        float[][] t = new float[n][dim];
        for (float[] row : t) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        return t;
    }

    static float[] flat(float[][] t) {
        int dim = t[0].length;
        float[] out = new float[t.length * dim];
        for (int i = 0; i < t.length; i++) {
            System.arraycopy(t[i], 0, out, i * dim, dim);
        }
        return out;
    }

    @Test
    void matchesNaiveDefinition() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int dim = 1 + rnd.nextInt(40);
            float[][] q = randomTokens(rnd, 1 + rnd.nextInt(12), dim);
            float[][] d = randomTokens(rnd, 1 + rnd.nextInt(30), dim);
            float got = MaxSim.score(flat(q), q.length, flat(d), d.length, dim);
            assertEquals(naive(q, d), got, 1e-3, "trial " + trial);
        }
    }

    @Test
    void partialRangesAddUpToTheFullScore() {
        SplittableRandom rnd = new SplittableRandom(8);
        float[][] q = randomTokens(rnd, 9, 16);
        float[][] d = randomTokens(rnd, 13, 16);
        float full = MaxSim.score(flat(q), 9, flat(d), 13, 16);
        float a = MaxSim.score(flat(q), 0, 4, flat(d), 13, 16);
        float b = MaxSim.score(flat(q), 4, 9, flat(d), 13, 16);
        assertEquals(full, a + b, 1e-4);
    }

    @Test
    void countsMultiplyAdds() {
        assertEquals(32L * 512 * 128, MaxSim.multiplyAdds(32, 512, 128));
    }

    @Test
    void rejectsEmptyDocument() {
        assertThrows(
                IllegalArgumentException.class,
                () -> MaxSim.score(new float[4], 1, new float[0], 0, 4));
    }
}
