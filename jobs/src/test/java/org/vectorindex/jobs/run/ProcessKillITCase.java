package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.operators.model.QueryResult;

/**
 * The job as a child JVM ({@code Main run ... --state-dir DIR}), killed with SIGKILL ({@link
 * KilledJob}) twice mid-stream after committed output, and restarted with the same directory each
 * time: committed results and dead letters are exactly those of a failure-free run (each query
 * answered once with the core's hits; each bad record dead-lettered once), every shard's index is
 * the reference graph (size and graph digest from a stats request), and the subscription updates
 * pass {@link SubscriptionChecks} (parallelism 2: their sequence depends on timing).
 */
class ProcessKillITCase {
    private static final Duration DRIVE_TIMEOUT = Duration.ofSeconds(150);

    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();

    @Test
    void killNineAndRestartLosesAndDuplicatesNothing() throws Exception {
        Path dir = KilledJob.freshDir("process-kill-it");
        JobScenario s = JobScenario.generate("kill", 5, 4000, 4, 300, 16, true);
        KilledJob.Run<JobScenario.Outputs> run =
                KilledJob.killTwice(ENV.broker(), s, dir, 2, Duration.ZERO, DRIVE_TIMEOUT, 40);
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
        ref.assertKnnHitIds(s.queries, results);
        Map<String, String> letters = out.letterPositions();
        assertEquals(s.sentBad, letters, "dead letters");
        System.out.println("ProcessKillITCase: killed " + run.kills() + " times mid-stream");
    }
}
