package org.vectorindex.jobs.bench;

import java.util.Arrays;

/** Small statistics over repeated timings; the median resists this noisy shared machine. */
public final class Stats {
    private Stats() {}

    public static double median(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("median of no samples");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    public static double min(double[] samples) {
        return Arrays.stream(samples).min().orElseThrow();
    }

    public static double max(double[] samples) {
        return Arrays.stream(samples).max().orElseThrow();
    }

    /**
     * Nearest-rank quantile {@code p} in (0, 1] (the {@code query} command's definition: the
     * smallest sample with at least p of the samples at or below it); NaN when there are none.
     */
    public static double nearestRank(double[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p * s.length);
        return s[Math.min(s.length, Math.max(1, rank)) - 1];
    }
}
