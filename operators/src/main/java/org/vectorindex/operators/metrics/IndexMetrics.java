package org.vectorindex.operators.metrics;

import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Metrics of the index operator (one subtask): counters of applied mutations and answered requests,
 * and gauges of what it holds now. Counters are plain increments on the record path; gauges are
 * computed only when a reporter or the web UI asks.
 */
public final class IndexMetrics {
    /** Sub-group of the operator's metric group that holds all of this project's metrics. */
    public static final String GROUP = "vectorindex";

    private final Counter upserts;
    private final Counter deletes;
    private final Counter queries;
    private final Counter subscribes;
    private final Counter rejected;

    /**
     * Registers the metrics under {@code operatorGroup}/{@value #GROUP}.
     *
     * @param liveVectors documents currently indexed in this subtask's shards
     * @param openSubscriptions subscriptions currently open in this subtask's shards
     */
    public IndexMetrics(
            MetricGroup operatorGroup, LongSupplier liveVectors, LongSupplier openSubscriptions) {
        MetricGroup g = operatorGroup.addGroup(GROUP);
        upserts = g.counter("upserts");
        deletes = g.counter("deletes");
        queries = g.counter("shardQueries");
        subscribes = g.counter("subscribes");
        rejected = g.counter("rejected");
        g.gauge("liveVectors", (Gauge<Long>) liveVectors::getAsLong);
        g.gauge("openSubscriptions", (Gauge<Long>) openSubscriptions::getAsLong);
    }

    public void upserted() {
        upserts.inc();
    }

    /** A delete of an id that was present (deletes of absent ids change nothing). */
    public void deleted() {
        deletes.inc();
    }

    /** A one-shot request answered by this shard. */
    public void queried() {
        queries.inc();
    }

    public void subscribed() {
        subscribes.inc();
    }

    /** A record the operator refused (it goes to the dead-letter output). */
    public void rejected() {
        rejected.inc();
    }
}
