package org.vectorindex.state.testing;

import java.util.Arrays;
import java.util.Comparator;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.math.VectorMath;

/** Exact k-NN by scoring everything: the ground truth that recall tests compare against. */
public final class BruteForce {
    private BruteForce() {}

    /** Indices of the k best rows of {@code base} for {@code query}, best first. */
    public static int[] topK(
            float[][] base, boolean[] present, float[] query, int k, Metric metric) {
        float[] q = prepare(query, metric);
        Integer[] order = new Integer[base.length];
        float[] scores = new float[base.length];
        int n = 0;
        for (int i = 0; i < base.length; i++) {
            if (present == null || present[i]) {
                scores[i] = metric.score(q, prepare(base[i], metric));
                order[n++] = i;
            }
        }
        Integer[] live = Arrays.copyOf(order, n);
        Arrays.sort(
                live,
                Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] top = new int[Math.min(k, n)];
        for (int i = 0; i < top.length; i++) {
            top[i] = live[i];
        }
        return top;
    }

    private static float[] prepare(float[] v, Metric metric) {
        if (!metric.normalizes()) {
            return v;
        }
        float[] c = v.clone();
        VectorMath.normalizeInPlace(c);
        return c;
    }

    /** |found ∩ truth| / |truth|. */
    public static double recall(int[] truth, int[] found) {
        int hits = 0;
        for (int t : truth) {
            for (int f : found) {
                if (f == t) {
                    hits++;
                    break;
                }
            }
        }
        return truth.length == 0 ? 1.0 : (double) hits / truth.length;
    }
}
