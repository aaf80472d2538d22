package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * End to end through Kafka on a MiniCluster with RocksDB: every one-shot query is answered exactly
 * once with the hits the index core gives on the same data, and every subscription update equals
 * the exact top-k after the mutation that caused it, with no change missed; every shard ends with
 * the reference graph (stats request). Parallelism 1, so the merger sees the shards' partials in
 * mutation order and the expected update sequence is unique.
 */
class VectorIndexJobITCase {
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.onMiniCluster(1);

    @Test
    void oneShotAndContinuousQueriesMatchTheCoreAndBruteForce(@TempDir Path dir) throws Exception {
        JobScenario s = JobScenario.generate("e2e", 7, 400, 8, 100, 16, false);
        JobScenario.Outputs out = s.run(ENV, dir, 1, List.of(), Duration.ofSeconds(90));

        // Replay: exact top-k of every subscription after every mutation.
        Reference ref = new Reference();
        ExactUpdates replay = new ExactUpdates(s.subscriptions);
        for (Mutation m : s.mutations) {
            ref.apply(m);
            replay.after(m, sub -> ref.exact(sub.vector(), sub.k()));
        }
        replay.assertCommitted(out.results(), "subscription updates vs brute force");

        // One-shot: exactly once, same hits as the core on the same data.
        Map<String, QueryResult> results = out.oneShot();
        assertEquals(s.queries.size(), results.size(), "answered queries");
        for (Query q : s.queries) {
            QueryResult r = results.get(q.id());
            List<SearchHit> want = ref.knn(q.vector(), q.k(), q.ef());
            String[] ids = new String[want.size()];
            float[] scores = new float[want.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = want.get(i).id();
                scores[i] = want.get(i).score();
            }
            assertArrayEquals(ids, r.hitIds(), q.id());
            assertArrayEquals(scores, r.hitScores(), q.id());
        }
        assertEquals(List.of(), out.deadLetters());
        ref.assertSameShards(out.stats());
    }
}
