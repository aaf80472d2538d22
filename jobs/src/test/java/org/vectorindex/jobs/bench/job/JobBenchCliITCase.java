package org.vectorindex.jobs.bench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.Main;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;

/**
 * {@code bench job} end to end at small rates, for a few seconds: against a running job, as a user
 * points it at one (broker, topics, collection, REST API), and with its own broker and job. Checks
 * the report's contract keys, and that the latencies it reports are those of the answers on the
 * results topic, read here independently. It checks what is measured, never how fast.
 */
class JobBenchCliITCase {
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DIM = 16;
    private static final String COLLECTIONS_YAML =
            "collections:\n  - {name: live, dimension: " + DIM + ", metric: l2, shards: 3}\n";

    @TempDir Path dir;

    private Path vectors() throws Exception {
        Path file = dir.resolve("base.fvecs");
        VectorFiles.writeFvecs(file, ClusteredData.generate(1500, DIM, 12, 2.0, 5));
        return file;
    }

    @Test
    void againstARunningJobTheReportedLatenciesAreThoseOfTheCommittedAnswers() throws Exception {
        Path fvecs = vectors();
        Path collections = JobEnvironment.collectionsFile(dir, COLLECTIONS_YAML);
        JobArgs args =
                ENV.jobOnNewTopics(3, collections)
                        .parallelism(2)
                        .checkpointInterval("500ms")
                        .webUi();
        try (RunningJob job = args.start()) {
            Path json = dir.resolve("remote.json");
            Path results = dir.resolve("remote.jsonl");
            JsonNode report =
                    benchJob(
                            "--fvecs", fvecs.toString(),
                            "--bootstrap-servers", ENV.bootstrapServers(),
                            "--flink-rest", job.restUrl(),
                            "--collection", "live",
                            "--mutations-topic", "m",
                            "--queries-topic", "q",
                            "--results-topic", "r",
                            "--shards", "3",
                            "--upserts-per-second", "200",
                            "--queries-per-second", "20",
                            "--subscriptions", "2",
                            "--duration", "6s",
                            "--core-limit", "500",
                            "--json", json.toString(),
                            "--results", results.toString());
            assertEquals(200.0, report.at("/upserts/targetPerSecond").asDouble());
            // 200/s for 6 s: 1,200 planned; a starved producer thread may send fewer by the
            // end.
            long sent = report.at("/upserts/sent").asLong();
            assertTrue(sent > 0 && sent <= 1200, "upserts sent: " + sent);
            long applied = report.at("/upserts/applied").asLong();
            assertTrue(applied <= sent, "applied " + applied + " of " + sent);
            assertEquals(sent - applied, report.at("/lagAtEnd").asLong(), "lag is sent - applied");
            assertEquals(2, report.at("/subscriptions/open").asInt());
            assertLatenciesAreTheTopicsAnswers(report, results, "r");
        }
    }

    @Test
    void withItsOwnJobItSaturatesAndReportsHeapAndCheckpoints() throws Exception {
        Path json = dir.resolve("own.json");
        JsonNode report =
                benchJob(
                        "--fvecs", vectors().toString(),
                        "--upserts-per-second", "max",
                        "--upserts", "1000",
                        "--queries-per-second", "10",
                        "--duration", "60s",
                        "--state-backend", "heap",
                        "--checkpoint-interval", "500ms",
                        "--core-limit", "500",
                        "--json", json.toString());
        assertTrue(report.at("/upserts/targetPerSecond").isNull(), "max has no target rate");
        assertEquals(1000, report.at("/upserts/applied").asLong(), "every upsert applied");
        assertEquals(0, report.at("/lagAtEnd").asLong());
        assertTrue(report.at("/heapBytesAfterGc").asLong() > 0);
        assertTrue(report.at("/checkpoints/completed").asLong() > 0);
        // the index vertex's synchronous part is a part of each checkpoint's duration
        assertTrue(report.at("/checkpoints/indexSyncMs/count").asLong() > 0, report.toString());
        assertTrue(
                report.at("/checkpoints/indexSyncMs/max").asDouble()
                        <= report.at("/checkpoints/durationMs/max").asDouble(),
                report.at("/checkpoints").toString());
        assertTrue(report.at("/checkpoints/indexAlignmentMs/count").asLong() > 0);
    }

    @Test
    void syntheticVectorsThenAChangeAndARestoreThatServesEveryVectorAgain() throws Exception {
        Path json = dir.resolve("restore.json");
        JsonNode report =
                benchJob(
                        "--synthetic", "800x16",
                        "--clusters", "8",
                        "--upserts-per-second", "max",
                        "--queries-per-second", "5",
                        "--duration", "90s",
                        "--state-backend", "rocksdb",
                        "--checkpoint-interval", "500ms",
                        "--core-limit", "300",
                        "--change-fraction", "0.1",
                        "--restore", "true",
                        "--json", json.toString());
        assertEquals("800x16", report.at("/data/synthetic").asText());
        assertEquals(800, report.at("/upserts/applied").asLong(), "every upsert applied");
        assertEquals(80, report.at("/change/upserts").asLong(), "10% of 800");
        assertTrue(report.at("/change/checkpoints").asInt() >= 1);
        assertTrue(report.at("/change/incrementalBytes").asLong() > 0);
        assertTrue(report.at("/change/fullBytes").asLong() > 0);
        double settle = report.at("/change/settleSeconds").asDouble(-1);
        // an idle checkpoint of this small state writes well under 1 MiB: no long wait
        assertTrue(settle >= 0 && settle < 60, "settled within a minute: " + settle);
        assertTrue(report.at("/change/idleIncrementalBytes").isIntegralNumber());
        assertEquals(880, report.at("/liveVectorsAtEnd").asLong());
        assertTrue(report.at("/stateBytesPerVector").asDouble() > 16 * 4, "a vector's floats");
        assertEquals(880, report.at("/restore/liveVectors").asLong(), "all restored");
        assertTrue(
                report.at("/restore/toServingMs").asLong()
                        >= report.at("/restore/toRunningMs").asLong());
    }

    /**
     * Runs {@code bench job} with {@code args} (among them {@code --json FILE}); requires exit 0
     * and the report's contract keys, and returns the report.
     */
    private static JsonNode benchJob(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("bench", "job"));
        all.addAll(Arrays.asList(args));
        int code = Main.run(all.toArray(String[]::new));
        assertEquals(0, code);
        Path json = Path.of(all.get(all.indexOf("--json") + 1));
        JsonNode report = JSON.readTree(json.toFile());
        assertContractKeys(report);
        return report;
    }

    private static final String[] CONTRACT = {
        "/upserts/targetPerSecond",
        "/upserts/achievedPerSecond",
        "/queries/targetPerSecond",
        "/queries/achievedPerSecond",
        "/queries/inJobMs/p50",
        "/queries/inJobMs/p99",
        "/queries/inJobMs/p999",
        "/queries/endToEndMs/p50",
        "/queries/endToEndMs/p99",
        "/queries/endToEndMs/p999",
        "/subscriptions/updateLatencyMs/p99",
        "/lagAtEnd",
        "/coreBuildPerSecond",
        "/checkpoints/durationMs/p50",
        "/checkpoints/incrementalBytes/p50",
        "/heapBytesAfterGc"
    };

    private static void assertContractKeys(JsonNode report) {
        for (String key : CONTRACT) {
            assertFalse(report.at(key).isMissingNode(), "missing " + key + " in " + report);
        }
        assertTrue(report.at("/coreBuildPerSecond").asDouble() > 0);
        assertTrue(report.at("/queries/answered").asLong() > 0, "queries were answered");
    }

    /**
     * The per-answer file holds exactly the answers on the results topic, with their tookMs, and
     * the report's quantiles are the nearest-rank quantiles of that file, computed here again.
     */
    private static void assertLatenciesAreTheTopicsAnswers(
            JsonNode report, Path results, String topic) throws Exception {
        Map<String, Long> onTopic = new HashMap<>();
        for (ResultRecord rr : ENV.results(topic)) {
            if (rr instanceof QueryResult q && q.queryId().startsWith(SendLog.QUERY_PREFIX)) {
                assertTrue(
                        onTopic.put(q.queryId(), q.tookMs()) == null,
                        "one committed answer per query: " + q.queryId());
            }
        }
        List<Double> took = new ArrayList<>();
        List<Double> endToEnd = new ArrayList<>();
        Map<String, Long> inFile = new HashMap<>();
        for (String line : Files.readAllLines(results)) {
            JsonNode a = JSON.readTree(line);
            inFile.put(a.get("queryId").asText(), a.get("tookMs").asLong());
            took.add(a.get("tookMs").asDouble());
            endToEnd.add(a.get("endToEndMs").asDouble());
            assertTrue(
                    a.get("endToEndMs").asDouble() >= a.get("tookMs").asDouble() - 1,
                    "end to end includes the time inside the job: " + line);
        }
        assertEquals(onTopic, inFile, "the answers the bench read are those on the topic");
        assertEquals(inFile.size(), report.at("/queries/answered").asInt());
        assertQuantiles(took, report.at("/queries/inJobMs"));
        assertQuantiles(endToEnd, report.at("/queries/endToEndMs"));
    }

    private static void assertQuantiles(List<Double> samples, JsonNode reported) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        double[] ps = {0.5, 0.99, 0.999};
        String[] keys = {"p50", "p99", "p999"};
        for (int i = 0; i < ps.length; i++) {
            // Nearest rank: the ceil(p * n)-th smallest.
            double expected = s[(int) Math.ceil(ps[i] * s.length) - 1];
            assertEquals(expected, reported.get(keys[i]).asDouble(), 0.051, keys[i]);
        }
        assertEquals(s.length, reported.get("count").asInt());
    }
}
