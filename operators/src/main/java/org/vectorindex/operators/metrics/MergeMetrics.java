package org.vectorindex.operators.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.vectorindex.operators.types.MergedResult;

/**
 * Metrics of the merge operator (one subtask): one-shot results emitted with their latency from
 * ingest to emission ({@code tookMs}, a histogram over the last {@value #LATENCY_WINDOW} results,
 * so dashboards can plot p50/p99), and subscription updates emitted.
 */
@Internal
public final class MergeMetrics {
    static final int LATENCY_WINDOW = 1024;

    private final Counter results;
    private final Counter subscriptionUpdates;
    private final Histogram resultLatencyMs;

    /** Registers the metrics under {@code operatorGroup}/{@value IndexMetrics#GROUP}. */
    public MergeMetrics(MetricGroup operatorGroup) {
        MetricGroup g = operatorGroup.addGroup(IndexMetrics.GROUP);
        results = g.counter("results");
        subscriptionUpdates = g.counter("subscriptionUpdates");
        resultLatencyMs =
                g.histogram("resultLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    }

    /** Counts a merged record about to be emitted. */
    public void emitted(MergedResult r) {
        switch (r.kind()) {
            case RESULT -> {
                results.inc();
                resultLatencyMs.update(r.tookMs());
            }
            case UPDATE -> subscriptionUpdates.inc();
            default -> {
                // other kinds (e.g. stats answers) are not counted
            }
        }
    }
}
