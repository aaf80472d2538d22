package org.vectorindex.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.ExactShardIndexStore;
import org.vectorindex.operators.testing.LoopbackMiniCluster;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.testing.Truth;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.OperatorTypes;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.operators.types.ShardRejection;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * The whole topology on a MiniCluster at parallelism 2 with generic types disabled, so any edge or
 * state that would need Kryo fails the job. Mutations and queries arrive on two independent inputs,
 * so their interleaving is not fixed; what must hold regardless: every one-shot query is answered
 * exactly once, subscription versions run 1, 2, 3... without gaps, each subscription's last update
 * equals brute force over the final data, and bad records come out as rejections.
 */
class ShardedIndexTopologyITCase {
    private static final int DIM = 8;
    private static final int SHARDS = 4;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = LoopbackMiniCluster.extension(2);

    @Test
    void runsTheTopologyWithoutKryoAndEndsInTheExactState() throws Exception {
        HnswConfig config = HnswConfig.builder().dimension(DIM).metric(Metric.COSINE).build();
        List<CollectionSpec> collections = List.of(CollectionSpec.of("c", SHARDS, config));
        TestVectors data = new TestVectors(99, DIM, 5);

        List<ShardMutation> mutations = new ArrayList<>();
        Map<String, float[]> docs = new LinkedHashMap<>();
        Map<String, Map<String, String>> attrs = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String id = "d" + (i % 220);
            float[] v = data.next();
            Map<String, String> a = Map.of("lang", i % 4 == 0 ? "de" : "en");
            mutations.add(ShardMutation.upsert("c", SHARDS, id, v, a));
            docs.put(id, v);
            attrs.put(id, a);
            if (i % 7 == 0) {
                String victim = "d" + (i / 2);
                mutations.add(ShardMutation.delete("c", SHARDS, victim));
                docs.remove(victim);
                attrs.remove(victim);
            }
        }
        mutations.add(ShardMutation.upsert("c", SHARDS, "bad", new float[DIM - 1], Map.of()));

        List<ShardQuery> queries = new ArrayList<>();
        Map<String, float[]> subVectors = new HashMap<>();
        for (int s = 0; s < 5; s++) {
            float[] v = data.next();
            subVectors.put("s" + s, v);
            queries.add(
                    ShardQuery.subscribe(
                            "s" + s, "c", v, 5, 0, s == 0 ? Map.of("lang", "de") : Map.of(), 0));
        }
        for (int q = 0; q < 20; q++) {
            queries.add(ShardQuery.knn("q" + q, "c", data.next(), 10, 0, Map.of(), 0));
        }
        queries.add(ShardQuery.knn("unknown", "nope", data.next(), 10, 0, Map.of(), 0));
        queries.add(ShardQuery.knn("k0", "c", data.next(), 0, 0, Map.of(), 0));

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        ShardedIndexTopology.Outputs out =
                ShardedIndexTopology.apply(
                        env.fromData(mutations, OperatorTypes.SHARD_MUTATION).setParallelism(1),
                        env.fromData(queries, OperatorTypes.SHARD_QUERY).setParallelism(1),
                        collections,
                        new ExactShardIndexStore());
        CloseableIterator<ShardRejection> rejectedIt = out.rejections().collectAsync();
        CloseableIterator<MergedResult> resultsIt = out.results().collectAsync();
        env.execute("topology");

        List<MergedResult> results = new ArrayList<>();
        resultsIt.forEachRemaining(results::add);
        List<ShardRejection> rejected = new ArrayList<>();
        rejectedIt.forEachRemaining(rejected::add);

        Map<String, Integer> answers = new HashMap<>();
        Map<String, MergedResult> lastUpdate = new HashMap<>();
        for (MergedResult r : results) {
            if (r.kind() == MergedResult.Kind.RESULT) {
                answers.merge(r.requestId(), 1, Integer::sum);
                assertTrue(r.ids().length <= 10);
            } else {
                MergedResult prev = lastUpdate.put(r.requestId(), r);
                assertEquals(
                        prev == null ? 1 : prev.version() + 1, r.version(), "gapless versions");
            }
        }
        for (int q = 0; q < 20; q++) {
            assertEquals(1, answers.get("q" + q), "q" + q + " answered exactly once");
        }
        assertEquals(20, answers.size());
        for (int s = 0; s < 5; s++) {
            String sid = "s" + s;
            Truth.Ranked truth =
                    Truth.topK(
                            docs,
                            attrs,
                            subVectors.get(sid),
                            5,
                            Metric.COSINE,
                            s == 0 ? Map.of("lang", "de") : Map.of());
            assertEquals(truth.ids(), List.of(lastUpdate.get(sid).ids()), sid + " final top-k");
        }
        assertEquals(3, rejected.size(), rejected.toString());
    }
}
