package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The job as a child JVM ({@code Main run ... --state-dir DIR}), killed with SIGKILL ({@link
 * KilledJob}) twice mid-stream after committed output, and restarted with the same directory each
 * time: committed results and dead letters are exactly those of a failure-free run (each query
 * answered once with the core's hits; each bad record dead-lettered once), every shard's index is
 * the reference graph (size and graph digest from a stats request), and the subscription updates
 * pass {@link SubscriptionChecks} (parallelism 2: their sequence depends on timing).
 */
class ProcessKillITCase {
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
    void killNineAndRestartLosesAndDuplicatesNothing() throws Exception {
        Path dir = KilledJob.freshDir("process-kill-it");
        JobScenario s = JobScenario.generate("kill", 5, 4000, 4, 300, 16, true);
        broker.createTopics(1, s.topic("m"), s.topic("q"), s.topic("r"), s.topic("d"));
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(Arrays.asList(s.runArgs(broker, JobScenario.collectionsFile(dir), 2)));
        KilledJob.Run<JobScenario.Outputs> run =
                KilledJob.run(
                        broker,
                        s.topic("r"),
                        args,
                        dir,
                        () -> s.drive(broker, Duration.ofSeconds(150)),
                        Duration.ofSeconds(180),
                        // kill 1: as soon as any output beyond the subscriptions' version 1 is
                        // committed (the mutations are still being applied)
                        new KilledJob.KillPoint(s.subscriptions.size() + 1, key -> true),
                        // kill 2: once some one-shot queries are answered
                        new KilledJob.KillPoint(40, key -> key.startsWith("q-")));
        assertTrue(run.kills() >= 1, "the job was never killed mid-stream");
        JobScenario.Outputs out = run.outputs();

        Reference ref = new Reference();
        s.mutations.forEach(ref::apply);
        ref.assertSameShards(out.stats());
        int updates = new SubscriptionChecks(s).check(out.results());
        assertTrue(
                updates > 3 * s.subscriptions.size(), "too few updates to be a test: " + updates);
        Map<String, QueryResult> results = out.oneShot(); // fails on a duplicate
        assertEquals(s.queries.size(), results.size(), "answered queries");
        for (Query q : s.queries) {
            List<SearchHit> want = ref.knn(q.vector(), q.k(), q.ef());
            assertArrayEquals(
                    want.stream().map(SearchHit::id).toArray(String[]::new),
                    results.get(q.id()).hitIds(),
                    q.id());
        }
        Map<String, String> letters = new LinkedHashMap<>();
        for (String json : out.deadLetters()) {
            DeadLetter d = OutputJson.readDeadLetter(json.getBytes(StandardCharsets.UTF_8));
            String where = d.sourceTopic() + "-" + d.partition() + "-" + d.offset();
            assertEquals(null, letters.put(where, d.reason().code()), "twice: " + where);
        }
        assertEquals(s.sentBad, letters, "dead letters");
        System.out.println("ProcessKillITCase: killed " + run.kills() + " times mid-stream");
    }
}
