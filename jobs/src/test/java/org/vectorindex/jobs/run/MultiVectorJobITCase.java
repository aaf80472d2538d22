package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.testing.LoopbackMiniCluster;

/**
 * A multi-vector collection served end to end, beside an HNSW one, through the real Kafka broker
 * and a MiniCluster with RocksDB: mutations carry {@code "vectors"} (JSON and the binary envelope),
 * every one-shot query is answered exactly once with the hits a {@link MultiVectorReference} per
 * shard gives on the same data, and every subscription update equals the exact MaxSim top-k over
 * the pooled documents after the mutation that caused it, with no change missed ({@link
 * MultiVectorScenario#check}); outputs are read with read_committed. Parallelism 1, so the expected
 * update sequence is unique. {@link MultiVectorProcessKillITCase} does the same across kill -9.
 */
class MultiVectorJobITCase {
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
    void multiVectorQueriesAndSubscriptionsMatchTheCoreAndExactMaxSim(@TempDir Path dir)
            throws Exception {
        runAndCheck("mv-e2e", dir, List.of());
    }

    /**
     * The same run with failures injected into the index operator (attempts 0 and 2) and the merger
     * (attempt 1): the committed outputs must still equal the exact answers, each once. The
     * thresholds are low so that all three fire while mutations are still flowing.
     */
    @Test
    void theSameHoldsAcrossInjectedFailures(@TempDir Path dir) throws Exception {
        Path markers = dir.resolve("markers");
        runAndCheck(
                "mv-fail",
                dir,
                List.of(
                        "--conf", JobOptions.FAIL_INDEX_AT.key() + "=0:80,2:30",
                        "--conf", JobOptions.FAIL_MERGE_AT.key() + "=1:5",
                        "--conf", JobOptions.FAILURE_MARKER_DIR.key() + "=" + markers));
        List<String> fired;
        try (var files = Files.list(markers)) {
            fired =
                    files.map(p -> p.getFileName().toString().replaceAll("-subtask-\\d+", ""))
                            .sorted()
                            .distinct()
                            .toList();
        }
        assertEquals(
                List.of("index-attempt-0", "index-attempt-2", "merge-attempt-1"),
                fired,
                "injected failures");
    }

    private void runAndCheck(String prefix, Path dir, List<String> extraArgs) throws Exception {
        JobScenario s = MultiVectorScenario.generate(prefix, 23, 180, 3, 30);
        broker.createTopics(1, s.topic("m"), s.topic("q"), s.topic("r"), s.topic("d"));
        List<String> args =
                new ArrayList<>(
                        List.of(s.runArgs(broker, MultiVectorScenario.collectionsFile(dir), 1)));
        args.addAll(extraArgs);
        JobClient job = RunCommand.start(args.toArray(String[]::new));
        JobScenario.Outputs out;
        try {
            out = s.drive(broker, Duration.ofSeconds(120));
        } finally {
            job.cancel().get();
        }
        MultiVectorScenario.check(s, out);
    }
}
