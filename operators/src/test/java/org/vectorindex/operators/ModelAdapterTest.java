package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.model.CollectionType;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.MultiVectorParams;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.math.Metric;
import org.vectorindex.state.multivector.MultiVectorConfig;

class ModelAdapterTest {

    @Test
    void mapsInputsOntoTheTopologyTypes() {
        CollectionSpec spec = CollectionSpec.hnsw("c", 3, Metric.L2).withShards(5);
        List<CollectionSpec> specs = CollectionRegistry.of(spec).all();
        assertEquals(1, specs.size());
        assertEquals(5, specs.get(0).shards());
        assertEquals(spec.indexConfig(), specs.get(0).vectorConfig());

        ShardMutation up =
                ModelAdapter.mutation(
                        Mutation.upsert("c", "doc-1", new float[] {1, 2, 3}, Map.of("a", "b")), 5);
        assertEquals(ShardKey.of("c", ShardKey.shardOf("doc-1", 5)), up.shardKey());
        assertEquals(Map.of("a", "b"), up.attributes());
        assertEquals(
                ShardMutation.Op.DELETE, ModelAdapter.mutation(Mutation.delete("c", "x"), 5).op());

        ShardQuery knn =
                ModelAdapter.query(
                        Query.knn("q", "c", new float[] {1, 2, 3}, 7, 32, Map.of()), 11L);
        assertEquals(ShardQuery.Kind.KNN, knn.kind());
        assertEquals(7, knn.k());
        assertEquals(32, knn.ef());
        assertEquals(11L, knn.ingestMillis());
        ShardQuery unsub = ModelAdapter.query(Query.unsubscribe("s", null), 1L);
        assertEquals(ShardQuery.Kind.UNSUBSCRIBE, unsub.kind());
        assertNull(unsub.collection());
    }

    @Test
    void carriesMultiVectorRecordsAsFlatTokenRows() {
        CollectionSpec mv =
                new CollectionSpec(
                        "mv",
                        CollectionType.MULTIVECTOR,
                        2,
                        Metric.COSINE,
                        12,
                        50,
                        40,
                        3,
                        9L,
                        new MultiVectorParams(4, 5, 2, 2, 0, 60, 20));
        List<CollectionSpec> specs =
                CollectionRegistry.of(CollectionSpec.hnsw("c", 3, Metric.L2), mv).all();
        assertEquals(2, specs.size());
        CollectionSpec declared =
                specs.stream().filter(CollectionSpec::isMultiVector).findFirst().orElseThrow();
        MultiVectorConfig config = declared.multiVectorConfig();
        assertEquals(2, config.dimension());
        assertEquals(4, config.pooledTokens());
        assertEquals(20, config.maxTokens());
        assertEquals(60, config.defaultCandidates());
        assertEquals(12, config.hnswM());
        assertEquals(50, config.efConstruction());
        assertEquals(9L, config.hnswSeed());
        assertEquals(9L, config.fde().seed());
        assertEquals(5, config.fde().repetitions());
        assertEquals(2, config.fde().kSim());
        assertEquals(2, config.fde().dProj());
        assertEquals(40, declared.vectorConfig().defaultEf());

        float[][] tokens = {{1, 2}, {3, 4}, {5, 6}};
        ShardMutation up =
                ModelAdapter.mutation(Mutation.upsertMulti("mv", "d", tokens, Map.of()), 3);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, up.vector());
        ShardQuery sub =
                ModelAdapter.query(
                        Query.subscribeMulti("s", "mv", tokens, 2, 0, Map.of("a", "b")), 0);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, sub.vector());
        assertEquals(Map.of("a", "b"), sub.filter());
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelAdapter.flatten(new float[][] {{1, 2}, {3}}));
    }

    @Test
    void mapsOutputsOntoResultsAndDeadLetters() {
        MergedResult result =
                MergedResult.result("q", "c", new String[] {"a"}, new float[] {0.5f}, 4);
        QueryResult qr = assertInstanceOf(QueryResult.class, ModelAdapter.result(result));
        assertEquals(4, qr.tookMs());
        assertArrayEquals(new String[] {"a"}, qr.hitIds());

        MergedResult update =
                MergedResult.update(
                        "s",
                        "c",
                        new String[] {"a"},
                        new float[] {0.5f},
                        3,
                        new String[] {"a"},
                        new String[] {"b"},
                        Cause.DELETE,
                        "b");
        SubscriptionUpdate su =
                assertInstanceOf(SubscriptionUpdate.class, ModelAdapter.result(update));
        assertEquals(3, su.version());
        assertEquals(UpdateCause.DELETE, su.causeOp());
        assertEquals("b", su.causeId());
        assertArrayEquals(new String[] {"b"}, su.left());

        DeadLetter dl =
                ModelAdapter.deadLetter(
                        new ShardRejection("c", "upsert", "x", "wrong dimension"), "muts", "qs");
        assertEquals("muts", dl.sourceTopic());
        assertEquals("upsert in collection 'c': wrong dimension", dl.detail());
    }
}
