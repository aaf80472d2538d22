package org.vectorindex.jobs.bench;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Compares speed at equal recall. QPS at the same ef is not a fair comparison when one system
 * reaches a higher recall at that ef, so we read the other system's QPS off its measured
 * QPS-versus-recall curve at our recall.
 *
 * <p>The curve is made monotone first: the QPS available at recall r is the best QPS of any
 * measured point with recall ≥ r (a faster setting that is also more accurate dominates). Between
 * two measured recalls the QPS is interpolated linearly. Outside the measured range there is no
 * honest answer, so the result is {@code NaN}.
 */
public final class EqualRecall {
    private EqualRecall() {}

    /**
     * @param recalls the reference system's recall per measured point (any order)
     * @param qps its QPS per point
     * @return the reference QPS at {@code recall}, or NaN outside the measured recall range
     */
    public static double qpsAt(double recall, double[] recalls, double[] qps) {
        if (recalls.length != qps.length || recalls.length == 0) {
            throw new IllegalArgumentException("need equally many recall and QPS points");
        }
        Integer[] order = new Integer[recalls.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> recalls[i]));
        double[] r = new double[order.length];
        double[] q = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            r[i] = recalls[order[i]];
            q[i] = qps[order[i]];
        }
        // Upper envelope from the high-recall end: best QPS at recall >= r[i].
        for (int i = q.length - 2; i >= 0; i--) {
            q[i] = Math.max(q[i], q[i + 1]);
        }
        if (recall < r[0] || recall > r[r.length - 1]) {
            return Double.NaN;
        }
        for (int i = 0; i < r.length; i++) {
            if (recall == r[i]) {
                return q[i];
            }
            if (i + 1 < r.length && recall > r[i] && recall < r[i + 1]) {
                double t = (recall - r[i]) / (r[i + 1] - r[i]);
                return q[i] + t * (q[i + 1] - q[i]);
            }
        }
        return q[q.length - 1];
    }
}
