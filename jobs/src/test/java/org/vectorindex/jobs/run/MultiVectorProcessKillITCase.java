package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;

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
    void killNineAndRestartKeepsMultiVectorOutputsExact() throws Exception {
        Path dir = KilledJob.freshDir("mv-process-kill-it");
        JobScenario s = MultiVectorScenario.generate("mvkill", 31, 300, 4, 60);
        broker.createTopics(1, s.topic("m"), s.topic("q"), s.topic("r"), s.topic("d"));
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(Arrays.asList(s.runArgs(broker, MultiVectorScenario.collectionsFile(dir), 1)));
        KilledJob.Run<JobScenario.Outputs> run =
                KilledJob.run(
                        broker,
                        s.topic("r"),
                        args,
                        dir,
                        () -> s.drive(broker, Duration.ofSeconds(180), PACE),
                        Duration.ofSeconds(210),
                        // kill 1: the first committed update beyond the subscriptions' version 1
                        // (the paced mutations are still arriving)
                        new KilledJob.KillPoint(s.subscriptions.size() + 1, key -> true),
                        // kill 2: once some of the paced one-shot queries are answered
                        new KilledJob.KillPoint(10, key -> key.startsWith("q-")));
        assertEquals(2, run.kills(), "kills while the driver was still running");
        MultiVectorScenario.check(s, run.outputs());
        System.out.println("MultiVectorProcessKillITCase: killed " + run.kills() + " times");
    }
}
