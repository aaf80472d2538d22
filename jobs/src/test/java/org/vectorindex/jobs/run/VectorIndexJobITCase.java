package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.kafka.EmbeddedKafkaBroker;
import org.vectorindex.connectors.testing.LoopbackMiniCluster;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * End to end through Kafka on a MiniCluster with RocksDB: every one-shot query is answered exactly
 * once with the hits the index core gives on the same data, and every subscription update equals
 * the exact top-k after the mutation that caused it, with no change missed; every shard ends with
 * the reference graph (stats request). Parallelism 1, so the merger sees the shards' partials in
 * mutation order and the expected update sequence is unique.
 */
class VectorIndexJobITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = LoopbackMiniCluster.extension(1);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void oneShotAndContinuousQueriesMatchTheCoreAndBruteForce(@TempDir Path dir) throws Exception {
        JobScenario s = JobScenario.generate("e2e", 7, 400, 8, 100, 16, false);
        broker.createTopics(1, s.topic("m"), s.topic("q"), s.topic("r"), s.topic("d"));
        JobClient job = RunCommand.start(s.runArgs(broker, JobScenario.collectionsFile(dir), 1));
        JobScenario.Outputs out;
        try {
            out = s.drive(broker, Duration.ofSeconds(90));
        } finally {
            job.cancel().get();
        }

        // Replay: exact top-k of every subscription after every mutation.
        Reference ref = new Reference();
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<SearchHit>> current = new TreeMap<>();
        for (Query sub : s.subscriptions) {
            current.put(sub.id(), List.of());
            expected.computeIfAbsent(sub.id(), x -> new ArrayList<>())
                    .add(update(1, List.of(), sub.id()));
        }
        for (Mutation m : s.mutations) {
            ref.apply(m);
            for (Query sub : s.subscriptions) {
                List<SearchHit> now = ref.exact(sub.vector(), sub.k());
                if (!now.equals(current.get(sub.id()))) {
                    List<String> seq = expected.get(sub.id());
                    seq.add(
                            update(
                                    seq.size() + 1,
                                    now,
                                    (m.op() == MutationOp.UPSERT ? "upsert:" : "delete:")
                                            + m.id()));
                    current.put(sub.id(), now);
                }
            }
        }
        Map<String, List<String>> actual = new TreeMap<>();
        for (ResultRecord r : out.results()) {
            if (r instanceof SubscriptionUpdate u) {
                List<SearchHit> hits = new ArrayList<>();
                for (int i = 0; i < u.hitCount(); i++) {
                    hits.add(new SearchHit(u.hitId(i), u.hitScore(i)));
                }
                String cause =
                        u.version() == 1
                                ? u.subscriptionId()
                                : u.causeOp().name().toLowerCase() + ":" + u.causeId();
                actual.computeIfAbsent(u.subscriptionId(), x -> new ArrayList<>())
                        .add(update(u.version(), hits, cause));
            }
        }
        int updates = expected.values().stream().mapToInt(List::size).sum();
        assertTrue(
                updates > 3L * s.subscriptions.size(), "too few changes to be a test: " + updates);
        assertEquals(expected, actual, "subscription updates vs brute force");

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

    private static String update(long version, List<SearchHit> hits, String cause) {
        return "v" + version + " " + hits + " cause " + cause;
    }
}
