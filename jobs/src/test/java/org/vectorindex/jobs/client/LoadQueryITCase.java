package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.jobs.client.ClientOutput.awaitText;
import static org.vectorindex.jobs.client.ClientOutput.lastJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.bench.ClusteredData;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.dashboard.FlinkRest;
import org.vectorindex.jobs.demo.LiveSet;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.jobs.run.RunCommand;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.state.math.Metric;

/**
 * {@code load} and {@code query} against a running job: loads clustered vectors (binary envelope)
 * with a seeded fraction deleted, waits until the job applied them, then checks that every query is
 * answered exactly once, that no deleted id comes back, and that recall@10 against brute force over
 * the live vectors is high; finally a subscription run prints updates for new vectors.
 */
class LoadQueryITCase {
    private final ClientOutput client = new ClientOutput();
    private static final int DIM = 16;

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
        int webPort = freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bs = broker.bootstrapServers();
            broker.createTopics(2, "m", "q", "r", "d");
            JobClient job =
                    RunCommand.start(
                            new String[] {
                                "--bootstrap-servers", bs,
                                "--mutations-topic", "m",
                                "--queries-topic", "q",
                                "--results-topic", "r",
                                "--dlq-topic", "d",
                                "--collections", collections.toString(),
                                "--parallelism", "2",
                                "--state-backend", "heap",
                                "--checkpoint-interval", "500ms",
                                "--state-dir", tmp.resolve("state").toString(),
                                "--web-ui-port", Integer.toString(webPort),
                                "--conf", "metrics.fetcher.update-interval=500"
                            });
            try {
                String out =
                        client.run(
                                new LoadCommand(client.printer()),
                                "--bootstrap-servers",
                                bs,
                                "--topic",
                                "m",
                                "--collection",
                                "c",
                                "--fvecs",
                                baseFile.toString(),
                                "--binary",
                                "--delete-fraction",
                                "0.25",
                                "--seed",
                                "9");
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
                try (Admin admin = broker.admin()) {
                    assertTrue(
                            AppliedOffsets.await(
                                    admin,
                                    KafkaOptions.GROUP_ID.defaultValue(),
                                    "m",
                                    Duration.ofSeconds(90)),
                            "the job did not apply the load");
                }

                String answers =
                        client.run(
                                new QueryCommand(client.printer()),
                                "--bootstrap-servers",
                                bs,
                                "--topic",
                                "q",
                                "--results-topic",
                                "r",
                                "--collection",
                                "c",
                                "--fvecs",
                                queryFile.toString(),
                                "--k",
                                "10",
                                "--id-prefix",
                                "t",
                                "--timeout",
                                "60s");
                assertEquals(40, answers.lines().filter(l -> l.startsWith("result t-")).count());
                assertEquals(40, lastJson(answers).get("answered").asLong(), answers);
                assertEquals(0, lastJson(answers).get("duplicates").asLong(), answers);

                Map<String, QueryResult> results = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> rec :
                        KafkaTestClients.readCommitted(bs, "r", Duration.ofSeconds(30))) {
                    ResultRecord r = OutputJson.readResult(rec.value());
                    if (r instanceof QueryResult q && q.queryId().startsWith("t-")) {
                        assertFalse(results.containsKey(q.queryId()), "twice: " + q.queryId());
                        results.put(q.queryId(), q);
                    }
                }
                assertEquals(40, results.size());
                double recall = 0;
                for (int i = 0; i < queries.length; i++) {
                    QueryResult q = results.get("t-" + i);
                    for (String id : q.hitIds()) {
                        assertFalse(deleted.contains(id), "deleted id " + id + " in " + q);
                    }
                    recall += LiveSet.recall(live.exactTopK(queries[i], 10), q.hitIds());
                }
                assertTrue(recall / queries.length >= 0.9, "recall@10 " + recall / queries.length);

                dashboardShowsTheJobAndItsMetrics(new FlinkRest(webPort));

                subscriptionsPrintUpdates(bs, queryFile, queries);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
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

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Subscribes to 3 query vectors, then loads those very vectors: each must enter its top-k. */
    private void subscriptionsPrintUpdates(String bs, Path queryFile, float[][] queries)
            throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        int[] code = {-1};
        Thread t =
                new Thread(
                        () -> {
                            try {
                                code[0] =
                                        new QueryCommand(ps, stop)
                                                .run(
                                                        List.of(
                                                                "--bootstrap-servers",
                                                                bs,
                                                                "--topic",
                                                                "q",
                                                                "--results-topic",
                                                                "r",
                                                                "--collection",
                                                                "c",
                                                                "--fvecs",
                                                                queryFile.toString(),
                                                                "--limit",
                                                                "3",
                                                                "--k",
                                                                "5",
                                                                "--subscribe",
                                                                "--id-prefix",
                                                                "s",
                                                                "--timeout",
                                                                "0s"));
                            } catch (Exception e) {
                                e.printStackTrace(ps);
                            }
                        });
        t.start();
        awaitText(buf, "update s-2 v1", Duration.ofSeconds(60));
        Path extra = tmp.resolve("extra.fvecs");
        VectorFiles.writeFvecs(extra, Arrays.copyOfRange(queries, 0, 3));
        client.run(
                new LoadCommand(client.printer()),
                "--bootstrap-servers",
                bs,
                "--topic",
                "m",
                "--collection",
                "c",
                "--fvecs",
                extra.toString(),
                "--ids-from",
                "5000");
        for (int i = 0; i < 3; i++) {
            awaitText(
                    buf,
                    "update s-" + i + " v2 (upsert " + (5000 + i) + ") +[" + (5000 + i) + "]",
                    Duration.ofSeconds(60));
        }
        stop.countDown();
        t.join(30_000);
        assertEquals(0, code[0], buf.toString(StandardCharsets.UTF_8));
        assertTrue(
                buf.toString(StandardCharsets.UTF_8).contains("{\"subscriptions\":3,"),
                buf.toString(StandardCharsets.UTF_8));
    }

    /** Waits for a line starting with {@code prefix} and containing {@code fragment}. */
    private static void awaitLine(ByteArrayOutputStream buf, String prefix, String fragment)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (buf.toString(StandardCharsets.UTF_8)
                .lines()
                .noneMatch(l -> l.startsWith(prefix) && l.contains(fragment))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no line '"
                                + prefix
                                + "..."
                                + fragment
                                + "' in:\n"
                                + buf.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }
}
