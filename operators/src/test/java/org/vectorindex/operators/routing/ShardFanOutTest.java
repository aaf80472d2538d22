package org.vectorindex.operators.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardQuerySerializer;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

class ShardFanOutTest {

    private static ShardFanOut fanOut() {
        HnswConfig config = HnswConfig.builder().dimension(2).metric(Metric.DOT).build();
        return new ShardFanOut(
                List.of(CollectionSpec.of("a", 3, config), CollectionSpec.of("b", 2, config)));
    }

    private static OneInputStreamOperatorTestHarness<ShardQuery, ShardQuery> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(fanOut()));
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        h.setup(ShardQuerySerializer.INSTANCE);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    @Test
    void emitsOneRoutedCopyPerShardAcrossSnapshotAndRestore() throws Exception {
        var h = harness(null);
        h.processElement(
                new StreamRecord<>(
                        ShardQuery.knn("q", "a", new float[] {1, 2}, 3, 0, Map.of(), 5)));
        List<ShardQuery> out = Harnesses.drain(h);
        assertEquals(List.of("a#0", "a#1", "a#2"), out.stream().map(ShardQuery::shardKey).toList());
        out.forEach(q -> assertEquals(3, q.shardCount()));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var r = harness(snapshot);
        r.processElement(
                new StreamRecord<>(
                        ShardQuery.subscribe("s", "b", new float[] {1, 2}, 3, 0, Map.of(), 5)));
        r.processElement(new StreamRecord<>(ShardQuery.unsubscribe("s", null, 6)));
        r.processElement(
                new StreamRecord<>(
                        ShardQuery.knn("bad", "zzz", new float[] {1, 2}, 3, 0, Map.of(), 5)));
        List<String> keys = Harnesses.drain(r).stream().map(ShardQuery::shardKey).toList();
        assertEquals(List.of("b#0", "b#1", "a#0", "a#1", "a#2", "b#0", "b#1"), keys);
        List<ShardRejection> rejected = new ArrayList<>();
        r.getSideOutput(ShardFanOut.REJECTED).forEach(x -> rejected.add(x.getValue()));
        assertEquals(1, rejected.size());
        assertEquals("unknown collection 'zzz'", rejected.get(0).reason());
        r.close();
    }

    @Test
    void failsFastOnMissingOrDuplicateCollections() {
        assertThrows(IllegalArgumentException.class, () -> new ShardFanOut(List.of()));
        HnswConfig config = HnswConfig.builder().dimension(2).metric(Metric.DOT).build();
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new ShardFanOut(
                                List.of(
                                        CollectionSpec.of("a", 1, config),
                                        CollectionSpec.of("a", 2, config))));
    }
}
