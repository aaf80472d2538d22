package org.vectorindex.jobs.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * Everything the page shows, folded from the results and dead-letter topics and from the job's REST
 * readings; {@link #snapshot} is {@code GET /api/snapshot}. Reader threads and the poller call in
 * concurrently, so every method is synchronized.
 */
final class DashboardModel {
    /** Points kept per chart: five minutes at one reading a second. */
    static final int POINTS = 300;

    static final long LATENCY_WINDOW_MILLIS = 10_000;
    static final long RECALL_WINDOW_MILLIS = 30_000;

    private final CollectionBoard collections;
    private final SubscriptionBoard subscriptions = new SubscriptionBoard();
    private final DeadLetterBoard deadLetters = new DeadLetterBoard();
    private final String ownPrefix;

    private final RateMeter upserts = new RateMeter();
    private final RateMeter deletes = new RateMeter();
    private final RateMeter queries = new RateMeter();
    private final RateMeter updates = new RateMeter();
    private final LatencyWindow inJob = new LatencyWindow(LATENCY_WINDOW_MILLIS, 10_000);
    private final LatencyWindow endToEnd = new LatencyWindow(LATENCY_WINDOW_MILLIS, 10_000);
    private final RecallWindow recall = new RecallWindow(RECALL_WINDOW_MILLIS);

    private final TimeSeries rateSeries =
            new TimeSeries(
                    POINTS,
                    List.of(
                            "upsertsPerSecond",
                            "deletesPerSecond",
                            "queriesPerSecond",
                            "subscriptionUpdatesPerSecond"));
    private final TimeSeries latencySeries =
            new TimeSeries(POINTS, List.of("inJobP50", "inJobP99", "endToEndP50", "endToEndP99"));
    private final TimeSeries checkpointSeries =
            new TimeSeries(POINTS, List.of("durationMs", "sizeBytes"));
    private final TimeSeries recallSeries = new TimeSeries(POINTS, List.of("recall"));

    private JobWatch.Reading job;
    private long resultsSeen;

    /**
     * @param declared the collections file's collections, or null
     * @param ownPrefix id prefix of the dashboard's own requests, whose answers become events
     */
    DashboardModel(CollectionRegistry declared, String ownPrefix) {
        this.collections = new CollectionBoard(declared);
        this.ownPrefix = ownPrefix;
    }

    /**
     * Takes one committed record of the results topic.
     *
     * @param timestampMillis the record's Kafka timestamp: the job keeps the timestamp of the input
     *     record that caused it, so for a result it is when the query was produced
     * @return the event to push, or null
     */
    synchronized ObjectNode onResult(ResultRecord r, long timestampMillis, long nowMillis) {
        resultsSeen++;
        if (r instanceof SubscriptionUpdate u) {
            ObjectNode o = subscriptions.add(u, nowMillis);
            return o == null ? null : event("update").setAll(o);
        }
        if (r instanceof StatsResult st) {
            collections.stats(st, nowMillis);
            return null;
        }
        if (r instanceof QueryResult q) {
            collections.learn(q.collection());
            inJob.add(nowMillis, q.tookMs());
            Double e2e = timestampMillis > 0 ? (double) (nowMillis - timestampMillis) : null;
            if (e2e != null) {
                endToEnd.add(nowMillis, Math.max(0, e2e));
            }
            if (!q.queryId().startsWith(ownPrefix)) {
                return null;
            }
            ObjectNode o = event("queryResult");
            o.put("queryId", q.queryId()).put("collection", q.collection());
            o.put("tookMs", q.tookMs());
            if (e2e != null) {
                o.put("endToEndMs", e2e);
            }
            ArrayNode hits = o.putArray("hits");
            for (int i = 0; i < q.hitCount(); i++) {
                ObjectNode hit = hits.addObject().put("id", q.hitId(i)).put("score", q.hitScore(i));
                String text = subscriptions.textOf(q.hitId(i));
                if (text != null) {
                    hit.put("text", text);
                }
            }
            return o;
        }
        return null;
    }

    /**
     * Takes a record that was in the results topic before the dashboard started: only a
     * subscription's update counts, so that subscriptions opened earlier show their top-k at once;
     * rates, latencies and events are about what happens from now on.
     */
    synchronized void onHistory(ResultRecord r, long nowMillis) {
        if (r instanceof SubscriptionUpdate u) {
            subscriptions.add(u, nowMillis);
        }
    }

    synchronized void describe(String id, String text) {
        subscriptions.describe(id, text);
    }

    synchronized ObjectNode onDeadLetter(DeadLetter d, long nowMillis) {
        return event("deadLetter").setAll(deadLetters.add(d, nowMillis));
    }

    /** Takes one REST reading and appends a point to every chart. */
    synchronized void onJob(JobWatch.Reading r, long nowMillis) {
        job = r;
        if (r.error() == null) {
            upserts.update(nowMillis, r.counter("vectorindex.upserts"));
            deletes.update(nowMillis, r.counter("vectorindex.deletes"));
            queries.update(nowMillis, r.counter("vectorindex.results"));
            updates.update(nowMillis, r.counter("vectorindex.subscriptionUpdates"));
            recall.update(
                    nowMillis,
                    r.counter("vectorindex.recallSamples"),
                    r.counter("vectorindex.recallHits"),
                    r.counter("vectorindex.recallTruth"));
        }
        rateSeries.add(nowMillis, upserts.rate(), deletes.rate(), queries.rate(), updates.rate());
        latencySeries.add(
                nowMillis,
                inJob.quantile(nowMillis, 0.5),
                inJob.quantile(nowMillis, 0.99),
                endToEnd.quantile(nowMillis, 0.5),
                endToEnd.quantile(nowMillis, 0.99));
        checkpointSeries.add(
                nowMillis,
                r.lastDurationMs() == null ? null : r.lastDurationMs().doubleValue(),
                r.lastSizeBytes() == null ? null : r.lastSizeBytes().doubleValue());
        recallSeries.add(nowMillis, recall.windowed());
    }

    synchronized List<String> collectionNames() {
        return collections.names();
    }

    /** The whole state as one JSON document (connectors/FORMATS.md, "Dashboard API"). */
    synchronized ObjectNode snapshot(long nowMillis) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("atMillis", nowMillis);
        ObjectNode j = s.putObject("job");
        j.put("jobId", job == null ? null : job.jobId());
        j.put("name", job == null ? null : job.jobName());
        j.put("error", job == null ? "not polled yet" : job.error());
        j.put("restarts", job == null ? null : job.restarts());
        collections.writeTo(s.putArray("collections"));
        s.putObject("rates")
                .put("upsertsPerSecond", upserts.rate())
                .put("deletesPerSecond", deletes.rate())
                .put("queriesPerSecond", queries.rate())
                .put("subscriptionUpdatesPerSecond", updates.rate());
        ObjectNode lat = s.putObject("latencyMs");
        lat.put("windowSeconds", LATENCY_WINDOW_MILLIS / 1000);
        quantiles(lat.putObject("inJob"), inJob, nowMillis);
        quantiles(lat.putObject("endToEnd"), endToEnd, nowMillis);
        ObjectNode cp = s.putObject("checkpoints");
        cp.put("lastCompletedId", job == null ? null : job.lastCompletedId());
        cp.put("lastDurationMs", job == null ? null : job.lastDurationMs());
        cp.put("lastSizeBytes", job == null ? null : job.lastSizeBytes());
        cp.put("completed", job == null ? 0 : job.completedCheckpoints());
        cp.put("failed", job == null ? 0 : job.failedCheckpoints());
        ObjectNode rc = s.putObject("recall");
        rc.put("sampledAtK", recall.sinceStart());
        rc.put("windowed", recall.windowed());
        rc.put("windowSeconds", RECALL_WINDOW_MILLIS / 1000);
        rc.put("samples", recall.samples());
        subscriptions.writeTo(s.putArray("subscriptions"));
        deadLetters.writeTo(s.putObject("deadLetters"));
        s.put("resultsSeen", resultsSeen);
        ObjectNode series = s.putObject("series");
        rateSeries.writeTo(series.putObject("rates"));
        latencySeries.writeTo(series.putObject("latencyMs"));
        checkpointSeries.writeTo(series.putObject("checkpoints"));
        recallSeries.writeTo(series.putObject("recall"));
        return s;
    }

    private static void quantiles(ObjectNode out, LatencyWindow w, long nowMillis) {
        out.put("p50", w.quantile(nowMillis, 0.5));
        out.put("p99", w.quantile(nowMillis, 0.99));
        out.put("count", w.size(nowMillis));
    }

    static ObjectNode event(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }
}
