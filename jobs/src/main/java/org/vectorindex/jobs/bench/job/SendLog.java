package org.vectorindex.jobs.bench.job;

import java.util.Arrays;

/**
 * When each record of {@code bench job} was handed to Kafka, by its number: upserts {@code "u"+n},
 * one-shot queries {@link #QUERY_PREFIX}{@code +n} and stats probes {@link #PROBE_PREFIX}{@code
 * +n}. Written by the load's thread, read by the results reader's, so the arrays are preallocated
 * and each slot is written before its record is sent.
 */
final class SendLog {
    static final String QUERY_PREFIX = "bq";
    static final String PROBE_PREFIX = "bstats";

    private final long[] upserts;
    private final long[] queries;
    private long[] probes = new long[64];
    private volatile long upsertsSent;
    private volatile long queriesSent;
    private int probesSent;

    SendLog(long upserts, long queries) {
        this.upserts = new long[Math.toIntExact(upserts)];
        this.queries = new long[Math.toIntExact(queries)];
    }

    void upsertSent(long n, long nanos) {
        upserts[(int) n] = nanos;
        upsertsSent = n + 1;
    }

    void querySent(long n, long nanos) {
        queries[(int) n] = nanos;
        queriesSent = n + 1;
    }

    /** Records a probe sent now and returns its number. */
    synchronized int probeSent(long nanos) {
        if (probesSent == probes.length) {
            probes = Arrays.copyOf(probes, probes.length * 2);
        }
        probes[probesSent] = nanos;
        return probesSent++;
    }

    long upsertsSent() {
        return upsertsSent;
    }

    long queriesSent() {
        return queriesSent;
    }

    /** Send time of upsert {@code n}, or -1 when it was not sent (yet). */
    long upsertNanos(long n) {
        return n >= 0 && n < upsertsSent ? upserts[(int) n] : -1;
    }

    /** How many upserts were sent at or before {@code nanos}. */
    long upsertsSentBy(long nanos) {
        int lo = 0;
        int hi = (int) upsertsSent;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (upserts[mid] <= nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long queryNanos(long n) {
        return n >= 0 && n < queriesSent ? queries[(int) n] : -1;
    }

    synchronized long probeNanos(int n) {
        return n >= 0 && n < probesSent ? probes[n] : -1;
    }

    /** The number after {@code prefix} in {@code id}, or -1 when {@code id} has another form. */
    static long number(String id, String prefix) {
        if (id == null || !id.startsWith(prefix) || id.length() == prefix.length()) {
            return -1;
        }
        try {
            return Long.parseLong(id, prefix.length(), id.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
