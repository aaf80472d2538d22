package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vectorindex.jobs.testing.JobEnvironment;

/**
 * The multi-vector scenario of {@link MultiVectorJobITCase} with the job as a child JVM killed with
 * SIGKILL twice ({@link KilledJob}) and restarted on its state directory each time: once while the
 * mutations still flow in, once while the one-shot queries are being answered. The committed
 * outputs must pass the same checks as a run without failures ({@link MultiVectorScenario#check}):
 * every subscription's whole update sequence equals the exact MaxSim replay, every one-shot query
 * is answered exactly once with the reference's hits and scores, and every shard's size and digest
 * equal the reference's. The driver paces its mutations and queries so that both kills land while
 * they are still arriving.
 */
class MultiVectorProcessKillITCase {
    private static final Duration PACE = Duration.ofMillis(150);
    private static final Duration DRIVE_TIMEOUT = Duration.ofSeconds(180);

    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();

    @Test
    void killNineAndRestartKeepsMultiVectorOutputsExact() throws Exception {
        Path dir = KilledJob.freshDir("mv-process-kill-it");
        JobScenario s = MultiVectorScenario.generate("mvkill", 31, 300, 4, 60);
        KilledJob.Run<JobScenario.Outputs> run =
                KilledJob.killTwice(ENV.broker(), s, dir, 1, PACE, DRIVE_TIMEOUT, 10);
        assertEquals(2, run.kills(), "kills while the driver was still running");
        MultiVectorScenario.check(s, run.outputs());
        System.out.println("MultiVectorProcessKillITCase: killed " + run.kills() + " times");
    }
}
