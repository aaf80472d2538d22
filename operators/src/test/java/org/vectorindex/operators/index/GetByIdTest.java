package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.VectorResult;
import org.vectorindex.operators.routing.ShardFanOut;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardQuerySerializer;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * A get goes to the one shard that owns its id, which answers with the stored vector (or with none
 * for an id it does not hold) straight to the results, past the merger.
 */
class GetByIdTest {
    private static final int SHARDS = 4;
    private static final List<CollectionSpec> COLLECTIONS =
            List.of(
                    CollectionSpec.of(
                            "c",
                            SHARDS,
                            HnswConfig.builder().dimension(3).metric(Metric.L2).build()));

    /** The routed copies the fan-out makes of {@code q}. */
    private static List<ShardQuery> fanOut(ShardQuery q) throws Exception {
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ShardFanOut(COLLECTIONS)))) {
            h.setup(ShardQuerySerializer.INSTANCE);
            h.open();
            h.processElement(new StreamRecord<>(q));
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOwnerShardAnswersWithTheStoredVector(Backend backend) throws Exception {
        ShardQuery get = ModelAdapter.query(Query.get("g1", "c", "doc-5").at(0, 12L), 1_000L);
        List<ShardQuery> routed = fanOut(get);
        assertEquals(1, routed.size(), "a get goes to one shard");
        assertEquals(ShardKey.shardOf("doc-5", SHARDS), routed.get(0).shard());
        assertEquals("doc-5", routed.get(0).targetId());
        List<ShardQuery> missing = fanOut(ShardQuery.get("g2", "c", "nope", 1_000L));

        var h = Harnesses.index(ShardIndexFunction.withHnsw(COLLECTIONS), backend, null);
        float[] stored = {1f, 2f, 3f};
        for (int i = 0; i < 20; i++) {
            String id = "doc-" + i;
            h.processElement1(
                    new StreamRecord<>(
                            ShardMutation.upsert(
                                    "c",
                                    SHARDS,
                                    id,
                                    i == 5 ? stored : new float[] {i, 0, 1},
                                    Map.of())));
        }
        h.processElement2(new StreamRecord<>(routed.get(0)));
        h.processElement2(new StreamRecord<>(missing.get(0)));
        assertTrue(h.extractOutputValues().isEmpty(), "nothing goes to the merger");
        List<MergedResult> answers = new ArrayList<>();
        h.getSideOutput(ShardIndexFunction.VECTORS).forEach(r -> answers.add(r.getValue()));
        assertEquals(2, answers.size());

        VectorResult found = (VectorResult) ModelAdapter.result(answers.get(0));
        assertEquals("g1", found.queryId());
        assertEquals("doc-5", found.id());
        assertArrayEquals(stored, found.vector());
        VectorResult absent = (VectorResult) ModelAdapter.result(answers.get(1));
        assertEquals("nope", absent.id());
        assertEquals(null, absent.vector());
        h.close();
    }
}
