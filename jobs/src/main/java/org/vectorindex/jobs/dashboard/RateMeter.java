package org.vectorindex.jobs.dashboard;

/**
 * Turns successive readings of a cumulative counter (a Flink counter summed over subtasks) into a
 * rate per second. A reading below the previous one means the job restarted and its counters began
 * again at zero, so the new reading itself is what was counted since.
 */
final class RateMeter {
    private long lastMillis = -1;
    private long lastTotal;
    private double rate;

    /** Takes a reading; returns the rate per second since the previous one (0 for the first). */
    double update(long nowMillis, long total) {
        if (lastMillis < 0 || nowMillis <= lastMillis) {
            lastMillis = lastMillis < 0 ? nowMillis : lastMillis;
            lastTotal = total;
            return rate;
        }
        long delta = total >= lastTotal ? total - lastTotal : total;
        rate = delta * 1000.0 / (nowMillis - lastMillis);
        lastMillis = nowMillis;
        lastTotal = total;
        return rate;
    }

    /** The rate of the last interval. */
    double rate() {
        return rate;
    }
}
