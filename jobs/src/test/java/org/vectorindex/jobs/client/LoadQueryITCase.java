package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.jobs.client.ClientOutput.lastJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.dashboard.FlinkRest;
import org.vectorindex.jobs.demo.LiveSet;
import org.vectorindex.jobs.testing.JobArgs;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.jobs.testing.RunningJob;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.state.math.Metric;

/**
 * {@code load} and {@code query} against a running job: loads clustered vectors (binary envelope)
 * with a seeded fraction deleted, waits until the job applied them, then checks that every query is
 * answered exactly once, that no deleted id comes back, and that recall@10 against brute force over
 * the live vectors is high; finally a subscription run prints updates for new vectors.
 */
class LoadQueryITCase {
    @RegisterExtension static final JobEnvironment ENV = JobEnvironment.kafka();
    private static final int DIM = 16;
    private final ClientOutput client = new ClientOutput(ENV);

    @TempDir Path tmp;

    @Test
    void loadThenQueryThroughTheJob() throws Exception {
        float[][] all = ClusteredData.generate(840, DIM, 12, 0.08, 3);
        float[][] base = Arrays.copyOfRange(all, 0, 800);
        float[][] queries = Arrays.copyOfRange(all, 800, 840);
        Path baseFile = tmp.resolve("base.fvecs");
        Path queryFile = tmp.resolve("queries.fvecs");
        VectorFiles.writeFvecs(baseFile, base);
        VectorFiles.writeFvecs(queryFile, queries);
        Path collections = tmp.resolve("collections.json");
        Files.writeString(
                collections,
                "{\"collections\":[{\"name\":\"c\",\"dimension\":"
                        + DIM
                        + ",\"metric\":\"l2\",\"shards\":4}]}");
        JobArgs args =
                ENV.jobOnNewTopics(2, collections)
                        .parallelism(2)
                        .stateBackend("heap")
                        .checkpointInterval("500ms")
                        .stateDir(tmp.resolve("state"))
                        .webUi();
        try (RunningJob job = args.start()) {
            String out = client.loadWithDeletes("c", "--fvecs", baseFile, 0.25, 9);
            JsonNode loaded = lastJson(out);
            assertEquals(800, loaded.get("upserts").asLong(), out);
            assertEquals(200, loaded.get("deletes").asLong(), out);

            LiveSet live = new LiveSet(Metric.L2);
            for (int i = 0; i < base.length; i++) {
                live.upsert(Integer.toString(i), base[i]);
            }
            Set<String> deleted = new HashSet<>();
            for (int r : LoadCommand.deleteSelection(800, 0.25, 9)) {
                live.delete(Integer.toString(r));
                deleted.add(Integer.toString(r));
            }
            assertTrue(ENV.applied("m", Duration.ofSeconds(90)), "the job did not apply the load");

            Map<String, QueryResult> results = client.queryEachOnce("c", "--fvecs", queryFile, 40);
            double recall = 0;
            for (int i = 0; i < queries.length; i++) {
                QueryResult q = results.get("t-" + i);
                for (String id : q.hitIds()) {
                    assertFalse(deleted.contains(id), "deleted id " + id + " in " + q);
                }
                recall += LiveSet.recall(live.exactTopK(queries[i], 10), q.hitIds());
            }
            assertTrue(recall / queries.length >= 0.9, "recall@10 " + recall / queries.length);

            dashboardShowsTheJobAndItsMetrics(new FlinkRest(job.webPort()));

            subscriptionsPrintUpdates(queryFile, queries);
        }
    }

    /**
     * What a user watching the run sees: the Flink web UI is served on 127.0.0.1, and the job's
     * metrics count exactly the mutations loaded and the results answered.
     */
    private static void dashboardShowsTheJobAndItsMetrics(FlinkRest rest) throws Exception {
        assertTrue(rest.get("/").contains("Flink"), "the web UI page is served");
        String jobId = rest.runningJob();
        Map<String, Long> expected =
                Map.of(
                        "vectorindex.upserts", 800L,
                        "vectorindex.deletes", 200L,
                        "vectorindex.results", 40L,
                        "vectorindex.liveVectors", 600L);
        Map<String, Long> seen = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            for (String name : expected.keySet()) {
                seen.put(name, rest.sumOfMetric(jobId, name));
            }
            if (!seen.equals(expected)) {
                Thread.sleep(500);
            }
        }
        assertEquals(expected, seen, "job metrics from the REST API");
    }

    /** Subscribes to 3 query vectors, then loads those very vectors: each must enter its top-k. */
    private void subscriptionsPrintUpdates(Path queryFile, float[][] queries) throws Exception {
        ClientOutput.Subscription sub =
                client.subscribe(
                        "c",
                        "--fvecs",
                        queryFile.toString(),
                        "--limit",
                        "3",
                        "--k",
                        "5",
                        "--id-prefix",
                        "s");
        try (sub) {
            sub.awaitText("update s-2 v1", Duration.ofSeconds(60));
            Path extra = tmp.resolve("extra.fvecs");
            VectorFiles.writeFvecs(extra, Arrays.copyOfRange(queries, 0, 3));
            client.load("c", "--fvecs", extra.toString(), "--ids-from", "5000");
            for (int i = 0; i < 3; i++) {
                sub.awaitText(
                        "update s-" + i + " v2 (upsert " + (5000 + i) + ") +[" + (5000 + i) + "]",
                        Duration.ofSeconds(60));
            }
        }
        assertEquals(0, sub.exitCode(), sub.printed());
        assertTrue(sub.printed().contains("{\"subscriptions\":3,"), sub.printed());
    }
}
