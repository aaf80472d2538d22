package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.math.Metric;

/** Users' records reach the topology routed by the declared shard count, or are rejected. */
class TopologyInputsTest {
    private static final CollectionRegistry REGISTRY =
            CollectionRegistry.of(CollectionSpec.hnsw("docs", 2, Metric.L2).withShards(3));

    @Test
    void routesByTheDeclaredShardCountAndRejectsUndeclaredCollections() throws Exception {
        try (OneInputStreamOperatorTestHarness<Mutation, ShardMutation> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new TopologyInputs.Mutations(REGISTRY))) {
            h.processElement(
                    Mutation.upsert("docs", "a", new float[] {1, 2}, Map.of()).at(0, 5L), 0);
            h.processElement(Mutation.delete("nope", "b").at(1, 7L), 0);

            List<ShardMutation> routed = h.extractOutputValues();
            assertEquals(1, routed.size());
            ShardMutation expected =
                    ShardMutation.upsert("docs", 3, "a", new float[] {1, 2}, Map.of());
            assertEquals(expected.shardKey(), routed.get(0).shardKey());

            List<ShardRejection> rejected = values(h.getSideOutput(TopologyInputs.REJECTED));
            assertEquals(1, rejected.size());
            ShardRejection r = rejected.get(0);
            assertEquals("delete", r.what());
            assertEquals("b", r.id());
            assertEquals(7L, r.sourceOffset());
            assertTrue(r.reason().contains("unknown collection 'nope'"), r.reason());
        }
    }

    @Test
    void raggedTokensAreRejectedNotThrown() throws Exception {
        try (OneInputStreamOperatorTestHarness<Query, ShardQuery> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new TopologyInputs.Queries())) {
            h.processElement(
                    Query.knnMulti("q", "mv", new float[][] {{1, 2}, {3}}, 5, 0, Map.of()), 0);
            h.processElement(Query.stats("s", "docs"), 0);

            assertEquals(1, h.extractOutputValues().size());
            List<ShardRejection> rejected = values(h.getSideOutput(TopologyInputs.REJECTED));
            assertEquals(1, rejected.size());
            assertEquals("knn", rejected.get(0).what());
            assertTrue(rejected.get(0).reason().contains("token 1"), rejected.get(0).reason());
        }
    }

    private static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        return records.stream().map(StreamRecord::getValue).toList();
    }
}
