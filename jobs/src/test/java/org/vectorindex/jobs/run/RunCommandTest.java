package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.kafka.BrokerUnreachableException;
import org.vectorindex.connectors.kafka.KafkaOptions;

class RunCommandTest {
    /**
     * The settings' configuration for the test collections file in {@code dir} plus {@code extra}.
     */
    private static Configuration conf(Path dir, String... extra) throws Exception {
        return RunCommand.Settings.parse(args(JobScenario.collectionsFile(dir), extra)).conf;
    }

    private static String[] args(Path collections, String... extra) {
        String[] base = {
            "--bootstrap-servers", "127.0.0.1:1",
            "--mutations-topic", "m",
            "--queries-topic", "q",
            "--results-topic", "r",
            "--dlq-topic", "d",
            "--collections", collections.toString()
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void parsesFlagsIntoOptions(@TempDir Path dir) throws Exception {
        Path c = JobScenario.collectionsFile(dir);
        RunCommand.Settings s =
                RunCommand.Settings.parse(
                        args(
                                c,
                                "--parallelism",
                                "3",
                                "--checkpoint-interval",
                                "250ms",
                                "--state-backend",
                                "heap",
                                "--kafka-property",
                                "security.protocol=SSL",
                                "--transactional-id-prefix",
                                "p"));
        assertEquals(3, s.parallelism);
        assertEquals(3, s.conf.get(CoreOptions.DEFAULT_PARALLELISM));
        assertEquals(Duration.ofMillis(250), s.conf.get(JobOptions.CHECKPOINT_INTERVAL));
        assertEquals(JobOptions.StateBackend.HEAP, s.conf.get(JobOptions.STATE_BACKEND));
        assertEquals("SSL", s.kafka.getProperty("security.protocol"));
        assertEquals("p", s.conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX));
        Configuration f = VectorIndexJob.flinkConfiguration(s.conf);
        assertEquals("hashmap", f.get(StateBackendOptions.STATE_BACKEND));
        assertFalse(f.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    }

    @Test
    void defaultsToRocksDbIncremental(@TempDir Path dir) throws Exception {
        Configuration f = VectorIndexJob.flinkConfiguration(conf(dir));
        assertEquals("rocksdb", f.get(StateBackendOptions.STATE_BACKEND));
        assertTrue(f.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    }

    @Test
    void missingAndBadFlagsFailWithTheirNames(@TempDir Path dir) throws Exception {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunCommand.Settings.parse(new String[] {"--mutations-topic", "m"}));
        assertTrue(e.getMessage().contains("--bootstrap-servers"), e.getMessage());
        assertTrue(e.getMessage().contains("--collections"), e.getMessage());
        Path c = JobScenario.collectionsFile(dir);
        for (String[] bad :
                new String[][] {
                    {"--parallelism", "0"}, {"--checkpoint-interval", "soon"},
                    {"--state-backend", "disk"}, {"--frobnicate", "1"},
                    {"--dashboard-port", "70000"}
                }) {
            IllegalArgumentException ex =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> RunCommand.Settings.parse(args(c, bad)));
            assertTrue(ex.getMessage().contains(bad[0]), ex.getMessage());
        }
    }

    @Test
    void resumesFromTheNewestCompletedCheckpoint(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        Configuration conf = conf(dir, "--state-dir", state.toString());
        assertNull(
                VectorIndexJob.flinkConfiguration(conf).get(StateRecoveryOptions.SAVEPOINT_PATH));
        Files.createDirectories(state.resolve("job-a/chk-7"));
        Files.writeString(state.resolve("job-a/chk-7/_metadata"), "x");
        Files.createDirectories(state.resolve("job-b/chk-12")); // interrupted: no metadata
        Files.createDirectories(state.resolve("job-b/chk-9"));
        Files.writeString(state.resolve("job-b/chk-9/_metadata"), "x");
        Files.createDirectories(state.resolve("job-b/shared"));
        assertEquals(state.resolve("job-b/chk-9"), CheckpointDirs.latestCompleted(state));
        assertEquals(
                state.resolve("job-b/chk-9").toUri().toString(),
                VectorIndexJob.flinkConfiguration(conf).get(StateRecoveryOptions.SAVEPOINT_PATH));
    }

    @Test
    void leavesParallelismAndRestartsToTheClusterUnlessAsked(@TempDir Path dir) throws Exception {
        RunCommand.Settings s = RunCommand.Settings.parse(args(JobScenario.collectionsFile(dir)));
        assertNull(s.parallelism);
        assertFalse(s.conf.contains(CoreOptions.DEFAULT_PARALLELISM), "-p must not be overridden");
        Configuration f = VectorIndexJob.flinkConfiguration(s.conf);
        assertFalse(f.contains(RestartStrategyOptions.RESTART_STRATEGY), "restart strategy set");

        Configuration asked =
                VectorIndexJob.flinkConfiguration(
                        conf(dir, "--conf", JobOptions.RESTART_ATTEMPTS.key() + "=3"));
        assertEquals("fixed-delay", asked.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(3, asked.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS));
    }

    @Test
    void newestCheckpointIsTheOneCompletedLastNotTheHighestNumber(@TempDir Path dir)
            throws Exception {
        Path state = dir.resolve("state");
        Path older = state.resolve("old-job/chk-62");
        Path newer = state.resolve("new-job/chk-3");
        for (Path chk : new Path[] {older, newer}) {
            Files.createDirectories(chk);
            Files.writeString(chk.resolve("_metadata"), "x");
        }
        Files.setLastModifiedTime(
                older.resolve("_metadata"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(
                newer.resolve("_metadata"), FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertEquals(newer, CheckpointDirs.latestCompleted(state));
    }

    @Test
    void anExplicitSavepointWinsOverTheStateDirectory(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        Files.createDirectories(state.resolve("job-a/chk-7"));
        Files.writeString(state.resolve("job-a/chk-7/_metadata"), "x");
        Configuration conf = conf(dir, "--state-dir", state.toString());

        Configuration client = new Configuration(conf);
        client.set(StateRecoveryOptions.SAVEPOINT_PATH, "file:///savepoints/sp-1");
        Resume explicit = Resume.decide(client, state.toString());
        assertEquals(Resume.Source.EXPLICIT, explicit.source());
        assertEquals("file:///savepoints/sp-1", explicit.path());
        // The explicit path stays where the client put it; the state directory adds nothing.
        assertFalse(
                VectorIndexJob.flinkConfiguration(conf, explicit)
                        .contains(StateRecoveryOptions.SAVEPOINT_PATH));

        Resume fromDir = Resume.decide(conf, state.toString());
        assertEquals(Resume.Source.STATE_DIR, fromDir.source());
        assertEquals(state.resolve("job-a/chk-7").toUri().toString(), fromDir.path());
        assertEquals(
                Resume.Source.NONE, Resume.decide(conf, dir.resolve("empty").toString()).source());
    }

    @Test
    void aDashboardIsAskedForByPort(@TempDir Path dir) throws Exception {
        Path c = JobScenario.collectionsFile(dir);
        assertEquals(null, RunCommand.Settings.parse(args(c)).dashboardPort);
        assertEquals(
                8090, RunCommand.Settings.parse(args(c, "--dashboard-port", "8090")).dashboardPort);
        assertEquals(0, RunCommand.Settings.parse(args(c, "--dashboard-port", "0")).dashboardPort);
        assertTrue(RunCommand.USAGE.contains("[--dashboard-port P]"));
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() throws Exception {
        assertEquals(0, org.vectorindex.jobs.Main.run("run", "--help"));
    }

    @Test
    void topicsDefaultToTheNamesTheTopicsCommandCreates(@TempDir Path dir) throws Exception {
        RunCommand.Settings s =
                RunCommand.Settings.parse(
                        new String[] {
                            "--bootstrap-servers",
                            "127.0.0.1:1",
                            "--collections",
                            JobScenario.collectionsFile(dir).toString()
                        });
        assertEquals("mutations", s.conf.get(KafkaOptions.MUTATIONS_TOPIC));
        assertEquals("queries", s.conf.get(KafkaOptions.QUERIES_TOPIC));
        assertEquals("results", s.conf.get(KafkaOptions.RESULTS_TOPIC));
        assertEquals("dlq", s.conf.get(KafkaOptions.DLQ_TOPIC));
    }

    @Test
    void anUnreachableBrokerFailsWithItsAddress(@TempDir Path dir) throws Exception {
        BrokerUnreachableException e =
                assertThrows(
                        BrokerUnreachableException.class,
                        () -> RunCommand.start(args(JobScenario.collectionsFile(dir))));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }
}
