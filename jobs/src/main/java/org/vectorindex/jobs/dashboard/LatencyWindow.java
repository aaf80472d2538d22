package org.vectorindex.jobs.dashboard;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Latencies of the last {@code windowMillis}, at most {@code capacity} of them, with nearest-rank
 * quantiles (the same definition as the {@code query} command's p50 and p99).
 */
final class LatencyWindow {
    private record Sample(long atMillis, double ms) {}

    private final long windowMillis;
    private final int capacity;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    LatencyWindow(long windowMillis, int capacity) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
    }

    void add(long nowMillis, double ms) {
        samples.addLast(new Sample(nowMillis, ms));
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    /** Nearest-rank quantile {@code p} (0..1] of the samples in the window; null when none. */
    Double quantile(long nowMillis, double p) {
        expire(nowMillis);
        if (samples.isEmpty()) {
            return null;
        }
        double[] sorted = samples.stream().mapToDouble(Sample::ms).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    int size(long nowMillis) {
        expire(nowMillis);
        return samples.size();
    }

    private void expire(long nowMillis) {
        while (!samples.isEmpty() && samples.peekFirst().atMillis() < nowMillis - windowMillis) {
            samples.removeFirst();
        }
    }
}
