package org.vectorindex.jobs.bench.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.FileUtils;
import org.vectorindex.jobs.dashboard.FlinkRest;
import org.vectorindex.jobs.dashboard.LoopbackPorts;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.jobs.run.RunCommand;
import org.vectorindex.state.math.Metric;

/**
 * Where {@code bench job} sends its load: either a job of its own (an embedded broker and the job
 * on a MiniCluster in this JVM, started as {@code run} starts it, with its REST API on a free
 * loopback port), or a running job named by its broker, topics, collection and REST address.
 */
final class BenchTarget implements AutoCloseable {
    /** How to start a job of our own. */
    record Embedded(
            int dimension,
            Metric metric,
            int shards,
            int m,
            int efConstruction,
            int partitions,
            int parallelism,
            String stateBackend,
            Duration checkpointInterval,
            List<String> conf) {}

    static final String COLLECTION = "bench";

    final String bootstrap;
    final String mutationsTopic;
    final String queriesTopic;
    final String resultsTopic;
    final String collection;
    final boolean embedded;
    private final EmbeddedKafkaBroker broker;
    private final Path dir;
    private final List<String> args;
    private FlinkRest rest;
    private JobClient job;

    private BenchTarget(
            String bootstrap,
            String[] topics,
            String collection,
            FlinkRest rest,
            EmbeddedKafkaBroker broker,
            JobClient job,
            Path dir,
            List<String> args) {
        this.bootstrap = bootstrap;
        this.mutationsTopic = topics[0];
        this.queriesTopic = topics[1];
        this.resultsTopic = topics[2];
        this.collection = collection;
        this.rest = rest;
        this.embedded = broker != null;
        this.broker = broker;
        this.job = job;
        this.dir = dir;
        this.args = args;
    }

    /** A running job: {@code topics} are its mutations, queries and results topics. */
    static BenchTarget remote(
            String bootstrap, String[] topics, String collection, String flinkRest) {
        return new BenchTarget(
                bootstrap, topics, collection, new FlinkRest(flinkRest), null, null, null, null);
    }

    /** Starts a broker and the job, and returns once the job runs. */
    static BenchTarget start(Embedded e, Duration timeout) throws Exception {
        Path dir = Files.createTempDirectory("bench-job-");
        EmbeddedKafkaBroker broker = null;
        JobClient job = null;
        try {
            broker = EmbeddedKafkaBroker.start();
            String[] topics = {"bench-mutations", "bench-queries", "bench-results", "bench-dlq"};
            broker.createTopics(e.partitions(), topics);
            Path collections = dir.resolve("collections.json");
            Files.writeString(collections, collectionsJson(e), StandardCharsets.UTF_8);
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--bootstrap-servers",
                                    broker.bootstrapServers(),
                                    "--mutations-topic",
                                    topics[0],
                                    "--queries-topic",
                                    topics[1],
                                    "--results-topic",
                                    topics[2],
                                    "--dlq-topic",
                                    topics[3],
                                    "--collections",
                                    collections.toString(),
                                    "--parallelism",
                                    Integer.toString(e.parallelism()),
                                    "--state-dir",
                                    dir.resolve("state").toString(),
                                    "--checkpoint-interval",
                                    e.checkpointInterval().toMillis() + "ms",
                                    "--state-backend",
                                    e.stateBackend(),
                                    // REST metrics are cached this long; the default is 10 s.
                                    "--conf",
                                    "metrics.fetcher.update-interval=1000"));
            for (String kv : e.conf()) {
                args.add("--conf");
                args.add(kv);
            }
            int restPort = LoopbackPorts.free();
            job = submit(args, restPort);
            RunCommand.awaitRunning(job, timeout);
            return new BenchTarget(
                    broker.bootstrapServers(),
                    topics,
                    COLLECTION,
                    new FlinkRest(restPort),
                    broker,
                    job,
                    dir,
                    args);
        } catch (Exception | Error failure) {
            if (job != null) {
                job.cancel();
            }
            if (broker != null) {
                broker.close();
            }
            FileUtils.deleteDirectoryQuietly(dir.toFile());
            throw failure;
        }
    }

    private static JobClient submit(List<String> args, int restPort) throws Exception {
        List<String> withPort = new ArrayList<>(args);
        withPort.add("--web-ui-port");
        withPort.add(Integer.toString(restPort));
        return RunCommand.start(withPort.toArray(String[]::new));
    }

    /**
     * Cancels the job and starts it again, as {@code run} resumes: from the newest completed
     * checkpoint in its state directory (checkpoints are retained on cancellation). Returns once
     * the new job runs; its REST API is on a new port, since the old one may not be free yet.
     */
    void restart(Duration timeout) throws Exception {
        if (!embedded) {
            throw new IllegalStateException("bench job: only its own job can be restarted");
        }
        job.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        int restPort = LoopbackPorts.free();
        job = submit(args, restPort);
        rest = new FlinkRest(restPort);
        RunCommand.awaitRunning(job, timeout);
    }

    FlinkRest rest() {
        return rest;
    }

    static String collectionsJson(Embedded e) {
        return String.format(
                Locale.ROOT,
                "{\"collections\":[{\"name\":\"%s\",\"dimension\":%d,\"metric\":\"%s\","
                        + "\"shards\":%d,\"m\":%d,\"efConstruction\":%d}]}",
                COLLECTION,
                e.dimension(),
                e.metric().name().toLowerCase(Locale.ROOT),
                e.shards(),
                e.m(),
                e.efConstruction());
    }

    /** The job's id in the REST API. */
    String jobId() throws Exception {
        if (job != null) {
            return job.getJobID().toHexString();
        }
        String id = rest.newestRunningJob();
        if (id == null) {
            throw new IllegalStateException("bench job: no running job at the Flink REST API");
        }
        return id;
    }

    @Override
    public void close() {
        if (!embedded) {
            return;
        }
        try {
            job.cancel().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already finished or failed: nothing to cancel
        }
        try {
            broker.close();
        } finally {
            FileUtils.deleteDirectoryQuietly(dir.toFile());
        }
    }
}
