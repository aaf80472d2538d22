package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.hnsw.HnswIndex;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;

/**
 * What the job must answer, computed without Flink: per-shard {@link HnswIndex} instances with the
 * collection's config, fed the same mutations in the same per-shard order (the graph is
 * deterministic, so one-shot hits must be identical), and a brute-force live set for exact top-k.
 */
final class Reference {
    final HnswIndex[] shards = new HnswIndex[JobScenario.SHARDS];
    final Map<String, float[]> live = new LinkedHashMap<>();

    Reference() {
        HnswConfig config =
                CollectionsFile.parse(JobScenario.COLLECTIONS_YAML, false, "test")
                        .require(JobScenario.COLLECTION)
                        .indexConfig();
        for (int s = 0; s < shards.length; s++) {
            shards[s] = new HnswIndex(config);
        }
    }

    void apply(Mutation m) {
        HnswIndex shard = shards[ShardKey.shardOf(m.id(), JobScenario.SHARDS)];
        if (m.op() == MutationOp.UPSERT) {
            shard.upsert(m.id(), m.vector());
            live.put(m.id(), m.vector().clone());
        } else {
            shard.delete(m.id());
            live.remove(m.id());
        }
    }

    /** The merged per-shard HNSW answer, as the job's merger ranks it. */
    List<SearchHit> knn(float[] q, int k, int ef) {
        List<SearchHit> all = new ArrayList<>();
        for (HnswIndex s : shards) {
            all.addAll(s.search(q, k, Math.max(ef, k), null));
        }
        return top(all, k);
    }

    /** Exact top-k over the live vectors. */
    List<SearchHit> exact(float[] q, int k) {
        List<SearchHit> all = new ArrayList<>();
        for (Map.Entry<String, float[]> e : live.entrySet()) {
            all.add(
                    new SearchHit(
                            e.getKey(), Metric.L2.externalScore(Metric.L2.score(q, e.getValue()))));
        }
        return top(all, k);
    }

    /** Asserts that each query's answer holds the ids of {@link #knn}'s answer, in order. */
    void assertKnnHitIds(List<Query> queries, Map<String, QueryResult> results) {
        for (Query q : queries) {
            List<SearchHit> want = knn(q.vector(), q.k(), q.ef());
            assertArrayEquals(
                    want.stream().map(SearchHit::id).toArray(String[]::new),
                    results.get(q.id()).hitIds(),
                    q.id());
        }
    }

    /** Asserts that the job's shards hold exactly these graphs: same sizes, same digests. */
    void assertSameShards(StatsResult stats) {
        assertEquals(JobScenario.COLLECTION, stats.collection());
        assertEquals(shards.length, stats.shardCount(), "shards");
        for (int s = 0; s < shards.length; s++) {
            assertEquals(shards[s].size(), stats.size(s), "size of shard " + s);
            assertEquals(
                    StatsResult.hex(shards[s].graphDigest()),
                    StatsResult.hex(stats.digest(s)),
                    "graph digest of shard " + s);
        }
    }

    private static List<SearchHit> top(List<SearchHit> all, int k) {
        all.sort(
                Comparator.comparingDouble((SearchHit h) -> -h.score())
                        .thenComparing(SearchHit::id));
        return new ArrayList<>(all.subList(0, Math.min(k, all.size())));
    }
}
