package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.testing.JobEnvironment;

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
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.onMiniCluster(1);

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
        runAndCheck("mv-fail", dir, InjectedFailures.args("0:80,2:30", "1:5", markers));
        List<String> fired = InjectedFailures.fired(markers);
        assertEquals(
                List.of("index-attempt-0", "index-attempt-2", "merge-attempt-1"),
                fired,
                "injected failures");
    }

    private void runAndCheck(String prefix, Path dir, List<String> extraArgs) throws Exception {
        JobScenario s = MultiVectorScenario.generate(prefix, 23, 180, 3, 30);
        JobScenario.Outputs out = s.run(ENV, dir, 1, extraArgs, Duration.ofSeconds(120));
        MultiVectorScenario.check(s, out);
    }
}
