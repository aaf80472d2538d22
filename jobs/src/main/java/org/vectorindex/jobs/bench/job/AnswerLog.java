package org.vectorindex.jobs.bench.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;

/**
 * What {@code bench job} reads back from the results topic, read_committed, as it arrives: each
 * one-shot answer's {@code tookMs} and its end-to-end time (sent to committed result read), each
 * subscription update caused by one of our upserts with the time since that upsert was sent, and
 * each stats probe's live-vector count. Records that are not answers to this run are ignored.
 */
final class AnswerLog {
    /** One one-shot answer. */
    record Answer(String queryId, long tookMs, double endToEndMs, int hits) {}

    /** One stats probe: when it was sent and answered, and how many vectors the shards held. */
    record Probe(long sentNanos, long answeredNanos, long liveVectors) {}

    private final SendLog sent;
    private final List<Answer> answers = new ArrayList<>();
    private final List<Double> updateLatencies = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final Set<String> opened = new HashSet<>();
    private long updates;
    private long unparsable;

    AnswerLog(SendLog sent) {
        this.sent = sent;
    }

    void accept(ConsumerRecord<byte[], byte[]> record) {
        long now = System.nanoTime();
        ResultRecord r;
        try {
            r = OutputJson.readResult(record.value());
        } catch (RuntimeException e) {
            synchronized (this) {
                unparsable++;
            }
            return;
        }
        synchronized (this) {
            if (r instanceof QueryResult q) {
                long n = SendLog.number(q.queryId(), SendLog.QUERY_PREFIX);
                long at = sent.queryNanos(n);
                if (at >= 0) {
                    answers.add(
                            new Answer(q.queryId(), q.tookMs(), (now - at) / 1e6, q.hitCount()));
                }
            } else if (r instanceof SubscriptionUpdate u) {
                if (u.causeOp() == UpdateCause.SUBSCRIBE) {
                    opened.add(u.subscriptionId());
                } else {
                    updates++;
                    long at = sent.upsertNanos(UpsertStream.number(u.causeId()));
                    if (u.causeOp() == UpdateCause.UPSERT && at >= 0) {
                        updateLatencies.add((now - at) / 1e6);
                    }
                }
            } else if (r instanceof StatsResult s) {
                int n = (int) SendLog.number(s.queryId(), SendLog.PROBE_PREFIX);
                long at = sent.probeNanos(n);
                if (at >= 0) {
                    probes.add(new Probe(at, now, s.totalSize()));
                }
            }
        }
    }

    synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    synchronized double[] updateLatenciesMs() {
        return updateLatencies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    synchronized long updates() {
        return updates;
    }

    synchronized int subscriptionsOpened() {
        return opened.size();
    }

    /** Probes in the order their answers arrived. */
    synchronized List<Probe> probes() {
        return List.copyOf(probes);
    }

    /** The answer to the probe sent last among those answered, or null. */
    synchronized Probe newestProbe() {
        Probe newest = null;
        for (Probe p : probes) {
            if (newest == null || p.sentNanos() > newest.sentNanos()) {
                newest = p;
            }
        }
        return newest;
    }

    synchronized long unparsable() {
        return unparsable;
    }
}
