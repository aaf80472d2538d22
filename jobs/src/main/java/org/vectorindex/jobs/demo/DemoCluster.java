package org.vectorindex.jobs.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.jobs.client.AppliedOffsets;
import org.vectorindex.jobs.dashboard.Dashboard;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.jobs.run.RunCommand;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.state.math.Metric;

/**
 * Everything the demo runs on, in this JVM: an embedded Kafka broker with the four topics, a
 * collections file with one collection, and the job itself started through {@link RunCommand#start}
 * (a MiniCluster on 127.0.0.1 with checkpoints in a temporary state directory). {@link #close}
 * cancels the job, stops the broker and deletes the temporary files.
 */
final class DemoCluster implements AutoCloseable {
    static final String MUTATIONS = "vi-mutations";
    static final String QUERIES = "vi-queries";
    static final String RESULTS = "vi-results";
    static final String DLQ = "vi-dead-letters";
    static final String COLLECTION = "demo";
    static final int PARTITIONS = 2;

    /** The job's consumer group (the default of {@link KafkaOptions#GROUP_ID}). */
    static final String GROUP_ID = KafkaOptions.GROUP_ID.defaultValue();

    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final JobClient job;
    private final Duration checkpointInterval;
    private final int webUiPort;

    private DemoCluster(
            Path dir, EmbeddedKafkaBroker broker, JobClient job, Duration interval, int webUiPort) {
        this.dir = dir;
        this.broker = broker;
        this.job = job;
        this.checkpointInterval = interval;
        this.webUiPort = webUiPort;
    }

    /**
     * Starts the broker and the job and waits until the job runs.
     *
     * @param webUiPort the Flink REST API's port, which a dashboard polls; 0: none
     */
    static DemoCluster start(
            int dimension,
            Metric metric,
            int parallelism,
            String stateBackend,
            Duration checkpointInterval,
            Duration timeout,
            int webUiPort)
            throws Exception {
        Path dir = Files.createTempDirectory("flink-vector-index-demo-");
        EmbeddedKafkaBroker broker = null;
        try {
            broker = EmbeddedKafkaBroker.start();
            broker.createTopics(PARTITIONS, MUTATIONS, QUERIES, RESULTS, DLQ);
            Path collections = dir.resolve("collections.json");
            Files.writeString(
                    collections, collectionsJson(dimension, metric), StandardCharsets.UTF_8);
            List<String> args =
                    new java.util.ArrayList<>(
                            List.of(
                                    "--bootstrap-servers",
                                    broker.bootstrapServers(),
                                    "--mutations-topic",
                                    MUTATIONS,
                                    "--queries-topic",
                                    QUERIES,
                                    "--results-topic",
                                    RESULTS,
                                    "--dlq-topic",
                                    DLQ,
                                    "--collections",
                                    collections.toString(),
                                    "--parallelism",
                                    Integer.toString(parallelism),
                                    "--state-dir",
                                    dir.resolve("state").toString(),
                                    "--checkpoint-interval",
                                    checkpointInterval.toMillis() + "ms",
                                    "--state-backend",
                                    stateBackend));
            if (webUiPort > 0) {
                args.addAll(
                        List.of(
                                "--web-ui-port",
                                Integer.toString(webUiPort),
                                "--conf",
                                "vectorindex.recall-sample-fraction=0.1"));
            }
            JobClient job = RunCommand.start(args.toArray(String[]::new));
            DemoCluster cluster = new DemoCluster(dir, broker, job, checkpointInterval, webUiPort);
            RunCommand.awaitRunning(job, timeout);
            return cluster;
        } catch (Exception | Error e) {
            if (broker != null) {
                broker.close();
            }
            deleteRecursively(dir);
            throw e;
        }
    }

    /** The one collection: 4 shards (more than the parallelism), default HNSW settings. */
    static String collectionsJson(int dimension, Metric metric) {
        return String.format(
                Locale.ROOT,
                "{\"collections\":[{\"name\":\"%s\",\"dimension\":%d,\"metric\":\"%s\",\"shards\":4}]}",
                COLLECTION,
                dimension,
                metric.name().toLowerCase(Locale.ROOT));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A dashboard of this cluster on 127.0.0.1:{@code port} (0: any free port). */
    Dashboard dashboard(int port) throws IOException {
        return Dashboard.start(
                new Dashboard.Options(
                        broker.bootstrapServers(),
                        QUERIES,
                        RESULTS,
                        DLQ,
                        "http://127.0.0.1:" + webUiPort,
                        CollectionsFile.load(dir.resolve("collections.json")),
                        "127.0.0.1",
                        port,
                        new Properties()),
                System.err);
    }

    Duration checkpointInterval() {
        return checkpointInterval;
    }

    /**
     * Waits until the job has applied every record now in {@code topic}; see {@link
     * AppliedOffsets}.
     */
    boolean awaitApplied(String topic, Duration timeout) throws Exception {
        try (Admin admin = broker.admin()) {
            return AppliedOffsets.await(admin, GROUP_ID, topic, timeout);
        }
    }

    /** Whether the job is still running (not failed or finished). */
    boolean running() {
        try {
            return job.getJobStatus().get(10, TimeUnit.SECONDS) == JobStatus.RUNNING;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            job.cancel().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already finished or failed: nothing to cancel
        }
        try {
            broker.close();
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Best effort, retried: on Ctrl-C, Flink may still be finishing a checkpoint in there. */
    private static void deleteRecursively(Path dir) {
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            FileUtils.deleteDirectoryQuietly(dir.toFile());
        }
    }
}
