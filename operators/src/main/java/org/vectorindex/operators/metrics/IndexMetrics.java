package org.vectorindex.operators.metrics;

import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.vectorindex.state.math.DistanceKernels;

/**
 * Metrics of the index operator (one subtask): counters of applied mutations and answered requests,
 * and gauges of what it holds now. Counters are plain increments on the record path; gauges are
 * computed only when a reporter or the web UI asks.
 */
@Internal
public final class IndexMetrics {
    /** Sub-group of the operator's metric group that holds all of this project's metrics. */
    public static final String GROUP = "vectorindex";

    private final Counter upserts;
    private final Counter deletes;
    private final Counter queries;
    private final Counter subscribes;
    private final Counter rejected;
    private final Counter recallSamples;
    private final Counter recallHits;
    private final Counter recallTruth;

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
        recallSamples = g.counter("recallSamples");
        recallHits = g.counter("recallHits");
        recallTruth = g.counter("recallTruth");
        g.gauge("liveVectors", (Gauge<Long>) liveVectors::getAsLong);
        g.gauge("openSubscriptions", (Gauge<Long>) openSubscriptions::getAsLong);
        g.gauge("recall", (Gauge<Double>) this::recall);
        g.gauge("simdKernel", (Gauge<Integer>) () -> DistanceKernels.simd() ? 1 : 0);
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

    /**
     * One recall sample: {@code hits} of the shard's {@code truth} exact top-k ids were in its
     * graph answer. Sums, not a ratio, so subtasks and time windows add up exactly.
     */
    public void recallSampled(int hits, int truth) {
        recallSamples.inc();
        recallHits.inc(hits);
        recallTruth.inc(truth);
    }

    /** Overlap@k of every sample of this subtask so far; -1 before the first. */
    double recall() {
        long truth = recallTruth.getCount();
        return truth == 0 ? -1 : (double) recallHits.getCount() / truth;
    }

    /** A record the operator refused (it goes to the dead-letter output). */
    public void rejected() {
        rejected.inc();
    }
}
