package org.vectorindex.jobs.client;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * What a client has received from the results topic, matched by queryId and subscriptionId. It is
 * fed by a {@link TopicTail} thread and read by the client's main thread, so every method is
 * synchronized; waiting uses the object's monitor. Records of other clients (unknown ids) are
 * ignored, and a second result for one queryId (which exactly-once output must never produce) is
 * counted as a duplicate.
 */
public final class Answers {
    private final Map<String, QueryResult> results = new HashMap<>();
    private final Map<String, StatsResult> stats = new HashMap<>();
    private final Map<String, Long> receivedNanos = new HashMap<>();
    private final Map<String, Integer> updates = new HashMap<>();
    private final Consumer<ResultRecord> listener;
    private final java.util.function.Predicate<String> mine;
    private long duplicates;
    private long malformed;
    private long totalUpdates;

    /**
     * @param mine which queryIds / subscriptionIds belong to this client
     * @param listener called (on the reader thread) for each of this client's records, in arrival
     *     order
     */
    public Answers(java.util.function.Predicate<String> mine, Consumer<ResultRecord> listener) {
        this.mine = mine;
        this.listener = listener;
    }

    /** Takes one record of the results topic. */
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        ResultRecord r;
        try {
            r = OutputJson.readResult(record.value());
        } catch (RuntimeException e) {
            synchronized (this) {
                malformed++;
            }
            return;
        }
        accept(r);
    }

    /** Takes one parsed record. */
    public void accept(ResultRecord r) {
        if (!mine.test(r.key())) {
            return;
        }
        synchronized (this) {
            if (r instanceof QueryResult q) {
                if (results.putIfAbsent(q.queryId(), q) != null) {
                    duplicates++;
                } else {
                    receivedNanos.put(q.queryId(), System.nanoTime());
                }
            } else if (r instanceof StatsResult st) {
                if (stats.putIfAbsent(st.queryId(), st) != null) {
                    duplicates++;
                } else {
                    receivedNanos.put(st.queryId(), System.nanoTime());
                }
            } else if (r instanceof SubscriptionUpdate u) {
                updates.merge(u.subscriptionId(), 1, Integer::sum);
                totalUpdates++;
            }
            // Under the lock, so a waiter that sees the record also sees it printed first.
            listener.accept(r);
            notifyAll();
        }
    }

    /** The result of {@code queryId}, or null if it has not arrived. */
    public synchronized QueryResult result(String queryId) {
        return results.get(queryId);
    }

    /** The stats answer of {@code queryId}, or null if it has not arrived. */
    public synchronized StatsResult stats(String queryId) {
        return stats.get(queryId);
    }

    /** {@link System#nanoTime} when the result arrived, or -1. */
    public synchronized long receivedNanos(String queryId) {
        Long t = receivedNanos.get(queryId);
        return t == null ? -1 : t;
    }

    /**
     * Waits until every one of {@code queryIds} has a result (or stats answer) or {@code
     * deadlineNanos} (a {@link System#nanoTime} value) passes.
     *
     * @return how many of them have arrived
     */
    public synchronized int awaitResults(Collection<String> queryIds, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            int got = 0;
            for (String id : queryIds) {
                if (results.containsKey(id) || stats.containsKey(id)) {
                    got++;
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (got == queryIds.size() || left <= 0) {
                return got;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Updates received for one subscription. */
    public synchronized int updates(String subscriptionId) {
        return updates.getOrDefault(subscriptionId, 0);
    }

    public synchronized long totalUpdates() {
        return totalUpdates;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long malformed() {
        return malformed;
    }
}
