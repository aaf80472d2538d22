package org.vectorindex.jobs.dashboard;

import java.util.ArrayDeque;

/**
 * Recall from the job's summed recall counters: overlap@k since the job started, and over the last
 * {@code windowMillis} (hits and truth are sums, so their differences are exact). Counters that
 * fall mean the job restarted from zero: the window begins again.
 */
final class RecallWindow {
    private record Reading(long atMillis, long samples, long hits, long truth) {}

    private final long windowMillis;
    private final ArrayDeque<Reading> readings = new ArrayDeque<>();

    RecallWindow(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    void update(long nowMillis, long samples, long hits, long truth) {
        Reading last = readings.peekLast();
        if (last != null && (truth < last.truth() || samples < last.samples())) {
            readings.clear();
        }
        readings.addLast(new Reading(nowMillis, samples, hits, truth));
        while (readings.size() > 2 && readings.peekFirst().atMillis() < nowMillis - windowMillis) {
            readings.removeFirst();
        }
    }

    /** Overlap@k of every sample so far; null before the first. */
    Double sinceStart() {
        Reading last = readings.peekLast();
        return last == null || last.truth() == 0 ? null : (double) last.hits() / last.truth();
    }

    /** Overlap@k of the samples taken within the window; null when there were none. */
    Double windowed() {
        if (readings.size() < 2) {
            return sinceStart();
        }
        Reading first = readings.peekFirst();
        Reading last = readings.peekLast();
        long truth = last.truth() - first.truth();
        return truth == 0 ? null : (double) (last.hits() - first.hits()) / truth;
    }

    long samples() {
        Reading last = readings.peekLast();
        return last == null ? 0 : last.samples();
    }
}
