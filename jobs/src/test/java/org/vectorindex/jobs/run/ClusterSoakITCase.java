package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.jobs.bench.io.VectorFiles;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;

/**
 * A soak on the standalone cluster, run by hand ({@code -Dsoak.minutes=20}): siftsmall re-upserted
 * at a steady rate, one-shot queries and open subscriptions, and a TaskManager killed with SIGKILL
 * every 5 minutes (a replacement starts at once, so a spare is always there). Reports heap after
 * each GC of every TaskManager, checkpoint durations and sizes and the mutations' consumer lag over
 * time, recall@10 against the data set's ground truth, and queries lost or answered twice (both
 * must be 0) to {@code target/cluster-soak/report.json}.
 */
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+")
class ClusterSoakITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GC =
            Pattern.compile("\\[(\\d+\\.\\d+)s\\].*Pause (\\w+).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void steadyLoadWithATaskManagerKilledEveryFiveMinutes() throws Exception {
        Path data = Path.of(System.getProperty("soak.data", "../../shared/data/siftsmall"));
        Assumptions.assumeTrue(Files.isDirectory(data), "no siftsmall at " + data);
        float[][] base = VectorFiles.readFvecs(data.resolve("siftsmall_base.fvecs"), -1);
        float[][] queries = VectorFiles.readFvecs(data.resolve("siftsmall_query.fvecs"), -1);
        int[][] truth = VectorFiles.readIvecs(data.resolve("siftsmall_groundtruth.ivecs"), -1);
        int minutes = Integer.getInteger("soak.minutes");
        int upserts = Integer.getInteger("soak.upserts-per-second", 500);
        int qps = Integer.getInteger("soak.queries-per-second", 20);
        int subscriptions = Integer.getInteger("soak.subscriptions", 50);
        Path dir = KilledJob.freshDir("cluster-soak");
        Path jar =
                Files.copy(
                        Path.of("target", "flink-vector-index.jar"),
                        Files.createDirectories(dir.resolve("deploy")).resolve("job.jar"));
        Path collections = dir.resolve("deploy/collections.yaml");
        Files.writeString(
                collections,
                "collections:\n  - name: sift\n    dimension: 128\n    metric: l2\n    shards: 4\n");
        Map<String, Object> report = new LinkedHashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("flink"), 3, 1);
                Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        broker.bootstrapServers()))) {
            broker.createTopics(4, "m");
            broker.createTopics(2, "q", "r", "d");
            String job =
                    cluster.runDetached(
                            jar,
                            null,
                            2,
                            List.of(
                                    "run",
                                    "--bootstrap-servers",
                                    broker.bootstrapServers(),
                                    "--mutations-topic",
                                    "m",
                                    "--queries-topic",
                                    "q",
                                    "--results-topic",
                                    "r",
                                    "--dlq-topic",
                                    "d",
                                    "--collections",
                                    collections.toString()));
            int[] kills = {0};
            SoakWorkload.Settings s =
                    new SoakWorkload.Settings(
                            broker.bootstrapServers(),
                            "m",
                            "q",
                            "r",
                            "sift",
                            4,
                            4,
                            base,
                            queries,
                            truth,
                            upserts,
                            qps,
                            subscriptions,
                            Duration.ofMinutes(minutes),
                            Duration.ofMinutes(5),
                            () -> {
                                try {
                                    String victim = cluster.busyTaskManager(job);
                                    cluster.kill9(victim);
                                    cluster.startTaskManager("tm-soak-" + ++kills[0]);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            Duration.ofSeconds(15),
                            () -> sample(cluster, job, admin));
            report.putAll(new SoakWorkload(s).run());
            report.put("mutationsLagRecordsMax", maxLag(report.get("samples")));
            report.put("restarts", cluster.get("/jobs/" + job + "/metrics?get=numRestarts"));
            report.put("heapAfterGcMb", heapAfterGc(cluster.dir()));
            cluster.flink(Duration.ofMinutes(2), "cancel", job);
        } finally {
            Files.writeString(
                    dir.resolve("report.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        assertEquals(0L, report.get("queriesLost"), "queries lost");
        assertEquals(0L, report.get("queriesDuplicated"), "queries answered twice");
        assertEquals(0L, report.get("subscriptionVersionGaps"), "subscription versions skipped");
        assertEquals(
                0L, report.get("subscriptionVersionRepeats"), "subscription versions repeated");
        assertTrue((double) report.get("recallAt10Mean") >= 0.9, "recall " + report);
    }

    /** The last checkpoint, and the mutations not yet committed by the job's consumer group. */
    private static Map<String, Object> sample(StandaloneCluster cluster, String job, Admin admin) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("mutationsLagRecords", lag(admin, "m"));
        } catch (Exception e) {
            m.put("lagError", e.toString());
        }
        try {
            JsonNode c = cluster.get("/jobs/" + job + "/checkpoints");
            JsonNode last = c.path("latest").path("completed");
            m.put("checkpointId", last.path("id").asLong());
            m.put("checkpointDurationMs", last.path("end_to_end_duration").asLong());
            m.put("checkpointStateBytes", last.path("state_size").asLong());
            m.put("checkpointIncrementalBytes", last.path("checkpointed_size").asLong());
            m.put("checkpointsFailed", c.path("counts").path("failed").asLong());
        } catch (Exception e) {
            m.put("checkpointError", e.toString());
        }
        return m;
    }

    private static long maxLag(Object samples) {
        long max = 0;
        for (Object sample : (List<?>) samples) {
            if (((Map<?, ?>) sample).get("mutationsLagRecords") instanceof Long l) {
                max = Math.max(max, l);
            }
        }
        return max;
    }

    /**
     * End offsets minus the offsets the job's source committed, summed over the topic's partitions.
     * The source commits on checkpoints, so this overstates the lag by up to one checkpoint
     * interval's records.
     */
    private static long lag(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(KafkaOptions.GROUP_ID.defaultValue())
                        .partitionsToOffsetAndMetadata()
                        .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().stream()
                .filter(tp -> tp.topic().equals(topic))
                .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            lag += e.getValue().offset() - committed.get(e.getKey()).offset();
        }
        return lag;
    }

    /** Per TaskManager, [uptime seconds, heap MB after the GC] of every GC pause. */
    private static Map<String, List<double[]>> heapAfterGc(Path dir) throws Exception {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-gc.log")).sorted().toList()) {
                List<double[]> points = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    Matcher m = GC.matcher(line);
                    if (m.find()) {
                        points.add(
                                new double[] {
                                    Double.parseDouble(m.group(1)), Double.parseDouble(m.group(4))
                                });
                    }
                }
                out.put(f.getFileName().toString(), points);
            }
        }
        return out;
    }
}
