package org.vectorindex.operators.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

class SubscriptionIdsTest {
    private static final float[] V = {1, 2};

    private static SubscriptionIds ids() {
        HnswConfig config = HnswConfig.builder().dimension(2).metric(Metric.DOT).build();
        return new SubscriptionIds(
                List.of(CollectionSpec.of("a", 2, config), CollectionSpec.of("b", 4, config)));
    }

    private static StreamRecord<ShardQuery> sub(String id, String collection) {
        return new StreamRecord<>(ShardQuery.subscribe(id, collection, V, 3, 0, Map.of(), 1));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOpenIdCannotMoveToAnotherCollectionUntilUnsubscribed(Backend backend) throws Exception {
        var h = Harnesses.subscriptionIds(ids(), backend, null);
        h.processElement(sub("s", "a"));
        h.processElement(sub("s", "a")); // a replacement on the same collection passes
        h.processElement(sub("s", "b"));
        assertEquals(2, Harnesses.drain(h).size());
        List<ShardRejection> rejected = rejections(h);
        assertEquals(1, rejected.size());
        assertEquals("s", rejected.get(0).id());
        assertEquals(
                "subscriptionId is open on collection 'a'; unsubscribe it first or use another id",
                rejected.get(0).reason());
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var r = Harnesses.subscriptionIds(ids(), backend, snapshot);
        r.processElement(sub("s", "b"));
        assertEquals(1, rejections(r).size(), "the open id survives a restore");
        r.processElement(new StreamRecord<>(ShardQuery.unsubscribe("s", "b", 2))); // not b's
        r.processElement(sub("s", "b"));
        assertEquals(2, rejections(r).size());
        r.processElement(new StreamRecord<>(ShardQuery.unsubscribe("s", null, 3)));
        r.processElement(sub("s", "b"));
        r.processElement(sub("other", "zzz")); // unknown: the fan-out rejects it
        r.processElement(
                new StreamRecord<>(ShardQuery.knn("s", "a", V, 3, 0, Map.of(), 4))); // ids differ
        assertEquals(2, rejections(r).size());
        assertEquals(5, Harnesses.drain(r).size());
        r.close();
    }

    private static List<ShardRejection> rejections(
            org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness<ShardQuery> h) {
        var q = h.getSideOutput(SubscriptionIds.REJECTED);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }
}
