package org.vectorindex.operators.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.state.math.DistanceKernels;

class MetricsTest {

    @Test
    void indexMetricsCountAndGaugeLive() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        AtomicLong live = new AtomicLong();
        IndexMetrics m = new IndexMetrics(group, live::get, () -> 3);
        m.upserted();
        m.upserted();
        m.deleted();
        m.queried();
        m.subscribed();
        m.rejected();
        live.set(41);
        assertEquals(2, group.count("vectorindex.upserts"));
        assertEquals(1, group.count("vectorindex.deletes"));
        assertEquals(1, group.count("vectorindex.shardQueries"));
        assertEquals(1, group.count("vectorindex.subscribes"));
        assertEquals(1, group.count("vectorindex.rejected"));
        assertEquals(41L, group.gaugeValue("vectorindex.liveVectors"));
        assertEquals(3L, group.gaugeValue("vectorindex.openSubscriptions"));
        assertEquals(-1.0, group.gaugeValue("vectorindex.recall"), "no sample yet");
        // The test JVM runs with the Vector API module, so on a CPU with 256-bit FMA this is 1.
        assertEquals(DistanceKernels.simd() ? 1 : 0, group.gaugeValue("vectorindex.simdKernel"));
        m.recallSampled(9, 10);
        m.recallSampled(10, 10);
        assertEquals(2, group.count("vectorindex.recallSamples"));
        assertEquals(19, group.count("vectorindex.recallHits"));
        assertEquals(20, group.count("vectorindex.recallTruth"));
        assertEquals(0.95, group.gaugeValue("vectorindex.recall"));
    }

    @Test
    void mergeMetricsSeparateResultsFromUpdatesAndTrackLatency() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        MergeMetrics m = new MergeMetrics(group);
        m.emitted(result(5));
        m.emitted(result(15));
        m.emitted(result(10));
        m.emitted(update());
        assertEquals(3, group.count("vectorindex.results"));
        assertEquals(1, group.count("vectorindex.subscriptionUpdates"));
        assertEquals(3, group.count("vectorindex.resultLatencyMs"));
        assertEquals(
                10.0,
                group.histogram("vectorindex.resultLatencyMs").getStatistics().getQuantile(0.5));
        assertEquals(15, group.histogram("vectorindex.resultLatencyMs").getStatistics().getMax());
    }

    private static MergedResult result(long tookMs) {
        return MergedResult.result("q", "c", new String[0], new float[0], tookMs);
    }

    private static MergedResult update() {
        return MergedResult.update(
                "s",
                "c",
                new String[0],
                new float[0],
                1,
                new String[0],
                new String[0],
                PartialResult.Cause.SUBSCRIBE,
                "s");
    }
}
