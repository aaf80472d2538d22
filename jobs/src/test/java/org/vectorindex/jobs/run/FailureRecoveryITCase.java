package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.operators.model.QueryResult;

/**
 * Injected failures in the index operator (attempts 0 and 2) and in the merger (attempt 1) during a
 * run at parallelism 2 on RocksDB: the committed one-shot results and dead letters equal those of a
 * run without failures (tookMs aside), with no duplicates and none missing, and both equal what the
 * index core answers on the same data. Each shard's index afterwards is the reference graph (same
 * size and graph digest, from a stats request) in both runs, and the subscription updates of both
 * runs pass {@link SubscriptionChecks} (their exact sequence depends on timing at parallelism 2).
 */
class FailureRecoveryITCase {
    private static final int PARALLELISM = 2;
    private static final int SUBSCRIPTIONS = 6;

    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.onMiniCluster(PARALLELISM);

    @Test
    void outputWithFailuresEqualsOutputWithout(@TempDir Path dir) throws Exception {
        Path markers = dir.resolve("markers");
        JobScenario cleanRun = scenario("clean");
        JobScenario failedRun = scenario("failed");
        JobScenario.Outputs clean = run(cleanRun, dir, null);
        JobScenario.Outputs failed = run(failedRun, dir, markers);

        List<String> fired = InjectedFailures.fired(markers);
        assertEquals(
                List.of("index-attempt-0", "index-attempt-2", "merge-attempt-1"),
                fired.stream().distinct().toList(),
                "injected failures");

        assertEquals(sorted(clean.comparable()), sorted(failed.comparable()), "results");
        // Where a bad query lands depends on how many barrier probes went before it, which is
        // timing; so each run's dead letters must name exactly the offsets that run sent its bad
        // records to, and both runs must give the same dead letters once offsets are set aside.
        assertEquals(cleanRun.sentBad, clean.letterPositions(), "dead letters of the clean run");
        assertEquals(failedRun.sentBad, failed.letterPositions(), "dead letters of the failed run");
        assertEquals(
                sorted(withoutOffsets(clean, "clean-")),
                sorted(withoutOffsets(failed, "failed-")),
                "dead letters");

        JobScenario s = scenario("reference");
        Reference ref = new Reference();
        s.mutations.forEach(ref::apply);
        SubscriptionChecks subscriptions = new SubscriptionChecks(s);
        for (JobScenario.Outputs out : List.of(clean, failed)) {
            ref.assertSameShards(out.stats());
            int updates = subscriptions.check(out.results());
            assertTrue(
                    updates > 3 * s.subscriptions.size(),
                    "too few updates to be a test: " + updates);
            Map<String, QueryResult> results = out.oneShot(); // fails on a duplicate
            assertEquals(s.queries.size(), results.size());
            ref.assertKnnHitIds(s.queries, results);
            assertEquals(s.bad.size(), out.deadLetters().size());
        }
    }

    private static JobScenario scenario(String prefix) {
        return JobScenario.generate(prefix, 11, 2500, SUBSCRIPTIONS, 200, 16, true);
    }

    /** The dead letters as text with topic prefix and offset normalised. */
    private static List<String> withoutOffsets(JobScenario.Outputs out, String prefix) {
        return out.deadLetters().stream()
                .map(d -> d.replace(prefix, "T-").replaceAll("\"offset\":\\d+", "\"offset\":_"))
                .toList();
    }

    private JobScenario.Outputs run(JobScenario s, Path dir, Path markers) throws Exception {
        List<String> failures =
                markers == null ? List.of() : InjectedFailures.args("0:700,2:20", "1:30", markers);
        return s.run(ENV, dir, PARALLELISM, failures, Duration.ofSeconds(100));
    }

    private static List<String> sorted(List<String> in) {
        List<String> out = new ArrayList<>(in);
        out.sort(null);
        return out;
    }
}
