package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.connectors.kafka.ShardPartitioner;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The job as users deploy it: a Kafka broker, a standalone Flink cluster of separate JVMs (a
 * JobManager and two TaskManagers), and the deployable jar copied alone into an empty folder and
 * submitted with {@code flink run -d -p 2} onto a 4-partition mutations topic fed through {@link
 * ShardPartitioner}, with RocksDB and checkpoints on a directory every process sees. While
 * mutations, queries and two subscriptions flow, one TaskManager is killed with SIGKILL and a
 * replacement starts 5 s later; then the job is stopped with a savepoint and resumed at parallelism
 * 1, stopped again and resumed at parallelism 4. Every query must be answered exactly once
 * (read_committed), the subscriptions must pass {@link SubscriptionChecks}, and after each resume
 * every shard's size and digest and every query's hits must equal the failure-free reference (the
 * core index fed the same per-shard mutation order, which a failure-free run at parallelism 2 also
 * equals: {@link VectorIndexJobITCase}). Timings go to {@code target/cluster-timings.json}, outside
 * the run's folder, which the next run wipes.
 */
class ClusterDeploymentITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killRescaleAndResumeOnAStandaloneCluster() throws Exception {
        Path dir = KilledJob.freshDir("cluster-deployment");
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Path jar =
                Files.copy(
                        Path.of("target", "flink-vector-index.jar"),
                        deploy.resolve("flink-vector-index.jar"));
        Path collections = JobScenario.collectionsFile(deploy);
        Map<String, Object> timings = new LinkedHashMap<>();
        // Flink's defaults unless -Dcluster.conf=key=value,... asks otherwise (to measure tuning).
        Map<String, String> extraConfig = extraConfig(System.getProperty("cluster.conf", ""));
        timings.put("extraConfig", extraConfig);
        JobScenario s = JobScenario.generate("cluster", 17, 2500, 2, 200, 16, false);
        s.producerProperties.setProperty(
                ProducerConfig.PARTITIONER_CLASS_CONFIG, ShardPartitioner.class.getName());
        s.producerProperties.setProperty(
                ShardPartitioner.SHARDS, Integer.toString(JobScenario.SHARDS));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                StandaloneCluster cluster =
                        StandaloneCluster.start(dir.resolve("flink"), 2, 1, extraConfig)) {
            broker.createTopics(4, s.topic("m"));
            broker.createTopics(2, s.topic("q"), s.topic("r"), s.topic("d"));
            List<String> jobArgs = jobArgs(s, broker, collections);
            ResultsWatch watch = new ResultsWatch(broker.bootstrapServers(), s.topic("r"));

            String job = cluster.runDetached(jar, null, 2, jobArgs);
            awaitRunning(cluster, job);
            assertParallelism(cluster, job, 2);

            CompletableFuture<JobScenario.Outputs> driven =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return s.drive(
                                            broker,
                                            Duration.ofSeconds(240),
                                            Duration.ofMillis(150));
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            watch.awaitCount(s.subscriptions.size() + 5, Duration.ofSeconds(120));
            assertTrue(!driven.isDone(), "the load ended before the kill: not a test");
            // One slot per TaskManager: the job at parallelism 2 fills both, so it must wait for
            // the replacement.
            timings.put(
                    "killWithReplacementAfter5s",
                    kill(cluster, job, watch, true, broker.bootstrapServers(), s.topic("q")));
            JobScenario.Outputs out = driven.get();
            Reference ref = new Reference();
            s.mutations.forEach(ref::apply);
            ref.assertSameShards(out.stats());
            assertEveryIndexSubtaskHoldsVectors(cluster, job);

            String previous = job;
            int round = 0;
            for (int parallelism : new int[] {1, 4}) {
                round++;
                long t0 = System.nanoTime();
                String savepoint = cluster.stopWithSavepoint(previous);
                long stopped = System.nanoTime();
                for (int tm = cluster.taskManagerIds().size(); tm < parallelism; tm++) {
                    cluster.startTaskManager("tm-extra-" + tm);
                }
                cluster.awaitFreeSlots(parallelism, Duration.ofMinutes(2));
                String resumed = cluster.runDetached(jar, savepoint, parallelism, jobArgs);
                awaitRunning(cluster, resumed);
                assertParallelism(cluster, resumed, parallelism);
                long running = System.nanoTime();
                if (parallelism == 1) {
                    // The other TaskManager is idle: a spare.
                    timings.put(
                            "killWithSpare",
                            kill(
                                    cluster,
                                    resumed,
                                    watch,
                                    false,
                                    broker.bootstrapServers(),
                                    s.topic("q")));
                }
                long asking = System.nanoTime();
                String prefix = "p" + parallelism + "-";
                StatsResult stats = askAfterResume(s, broker, watch, ref, prefix);
                long answered = System.nanoTime();
                ref.assertSameShards(stats);
                assertEveryIndexSubtaskHoldsVectors(cluster, resumed);
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("parallelism", parallelism);
                t.put("stopWithSavepointSeconds", seconds(stopped - t0));
                t.put("submitToRunningSeconds", seconds(running - stopped));
                t.put("queriesToAnswersSeconds", seconds(answered - asking));
                timings.put("rescale" + round, t);
                previous = resumed;
            }
            // Web submission of the same jar, resuming from a savepoint given in the request.
            String last = cluster.stopWithSavepoint(previous);
            cluster.awaitFreeSlots(2, Duration.ofMinutes(2));
            String viaRest = cluster.submitThroughRest(jar, jobArgs, 2, last);
            awaitRunning(cluster, viaRest);
            assertParallelism(cluster, viaRest, 2);
            ref.assertSameShards(askAfterResume(s, broker, watch, ref, "rest-"));
            cluster.flink(Duration.ofMinutes(2), "cancel", viaRest);

            JobScenario.Outputs all = s.read(broker);
            Map<String, QueryResult> oneShot = all.oneShot(); // fails on a query answered twice
            int subsUpdates = new SubscriptionChecks(s).check(all.results());
            assertTrue(subsUpdates > 2 * s.subscriptions.size(), "too few updates: " + subsUpdates);
            for (Query q : s.queries) {
                List<SearchHit> want = ref.knn(q.vector(), q.k(), q.ef());
                assertArrayEquals(
                        want.stream().map(SearchHit::id).toArray(String[]::new),
                        oneShot.get(q.id()).hitIds(),
                        q.id());
            }
            assertEquals(List.of(), all.deadLetters(), "dead letters");
            watch.close();

            // Attached flink run waits for the job, as Flink's examples do: a bounded copy of the
            // job (own output topics and group) rebuilds from the mutations topic and finishes.
            broker.createTopics(2, "attached-r", "attached-d");
            List<String> bounded = new ArrayList<>(List.of("run", "-p", "2", jar.toString()));
            bounded.addAll(jobArgs);
            bounded.addAll(
                    List.of(
                            "--results-topic", "attached-r",
                            "--dlq-topic", "attached-d",
                            "--group-id", "attached",
                            "--transactional-id-prefix", "attached",
                            "--conf", JobOptions.BOUNDED_INPUT.key() + "=true"));
            long attached = System.nanoTime();
            StandaloneCluster.Cli done =
                    cluster.flink(Duration.ofMinutes(4), bounded.toArray(String[]::new));
            assertEquals(0, done.exitCode(), done.output());
            assertTrue(done.output().contains("run: started job"), done.output());
            timings.put("attachedBoundedRunSeconds", seconds(System.nanoTime() - attached));
        } finally {
            Files.writeString(
                    Path.of("target", "cluster-timings.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(timings));
            System.out.println("ClusterDeploymentITCase timings: " + timings);
        }
    }

    private static Map<String, String> extraConfig(String spec) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (!entry.isBlank()) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "cluster.conf wants key=value, got " + entry);
                }
                conf.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return conf;
    }

    private static List<String> jobArgs(
            JobScenario s, EmbeddedKafkaBroker broker, Path collections) {
        return List.of(
                "run",
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--mutations-topic",
                s.topic("m"),
                "--queries-topic",
                s.topic("q"),
                "--results-topic",
                s.topic("r"),
                "--dlq-topic",
                s.topic("d"),
                "--collections",
                collections.toString(),
                "--checkpoint-interval",
                "500ms",
                "--transactional-id-prefix",
                "cluster",
                "--group-id",
                "cluster");
    }

    /**
     * Kills a TaskManager that runs tasks of the job, starts a replacement 5 s later if asked, and
     * measures seconds from the kill to every task RUNNING again, to the first checkpoint completed
     * after it, and to the first result committed after it.
     */
    private static Map<String, Object> kill(
            StandaloneCluster cluster,
            String job,
            ResultsWatch watch,
            boolean replace,
            String bootstrap,
            String queries)
            throws Exception {
        String victim = cluster.busyTaskManager(job);
        long restartsBefore = restarts(cluster, job);
        Map<String, Integer> attemptsBefore = attempts(cluster, job);
        long killedAtMs = System.currentTimeMillis();
        long killed = System.nanoTime();
        cluster.kill9(victim);
        watch.markKill();
        // A query sent now is answered once the job is back: its commit ends the outage.
        Query probe =
                Query.knn(
                        "after-kill-" + victim,
                        JobScenario.COLLECTION,
                        JobScenario.probe(0),
                        1,
                        16,
                        null);
        try (KafkaProducer<byte[], byte[]> p = KafkaTestClients.producer(bootstrap)) {
            p.send(
                    new ProducerRecord<>(
                            queries, InputRecords.key(probe), InputRecords.json(probe)));
        }
        if (replace) {
            Thread.sleep(5_000);
            cluster.startTaskManager(victim + "-replacement");
        }
        // numRestarts comes from the metric store, which may lag or stall while a TaskManager is
        // dead; the attempt numbers come from the execution graph itself.
        cluster.await(
                () ->
                        restarts(cluster, job) > restartsBefore
                                        || laterAttempt(attemptsBefore, attempts(cluster, job))
                                ? Boolean.TRUE
                                : null,
                Duration.ofSeconds(90),
                "the job to restart after the kill");
        cluster.await(
                "/jobs/" + job,
                j ->
                        j.path("vertices").findValues("status").stream()
                                .allMatch(v -> v.asText().equals("RUNNING")),
                Duration.ofSeconds(180),
                "every task RUNNING after the kill");
        long running = System.nanoTime();
        cluster.await(
                "/jobs/" + job + "/checkpoints",
                c ->
                        c.path("latest").path("completed").path("latest_ack_timestamp").asLong()
                                > killedAtMs,
                Duration.ofSeconds(120),
                "a checkpoint completed after the kill");
        long checkpointed = System.nanoTime();
        long firstAnswer = watch.awaitFirstAfterKill(Duration.ofSeconds(120));
        JsonNode job0 = cluster.get("/jobs/" + job);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("killed", victim);
        t.put("replacementStartedAfterSeconds", replace ? 5.0 : null);
        t.put("killToAllTasksRunningSeconds", seconds(running - killed));
        t.put("killToCompletedCheckpointSeconds", seconds(checkpointed - killed));
        t.put("killToFirstCommittedResultSeconds", seconds(firstAnswer - killed));
        t.put("jobState", job0.path("state").asText());
        return t;
    }

    /** Sends final stats and queries to a resumed job, and returns its stats answer. */
    private static StatsResult askAfterResume(
            JobScenario s,
            EmbeddedKafkaBroker broker,
            ResultsWatch watch,
            Reference ref,
            String prefix)
            throws Exception {
        List<Query> asked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Query q = s.queries.get(i);
            asked.add(Query.knn(prefix + q.id(), q.collection(), q.vector(), q.k(), q.ef(), null));
        }
        Query stats = Query.stats(prefix + "stats", JobScenario.COLLECTION);
        asked.add(stats);
        try (KafkaProducer<byte[], byte[]> p =
                KafkaTestClients.producer(broker.bootstrapServers())) {
            for (Query q : asked) {
                p.send(
                        new ProducerRecord<>(
                                s.topic("q"), InputRecords.key(q), InputRecords.json(q)));
            }
        }
        Map<String, Object> byKey =
                watch.awaitKeys(asked.stream().map(Query::id).toList(), Duration.ofSeconds(180));
        for (Query q : asked.subList(0, 20)) {
            QueryResult r = (QueryResult) byKey.get(q.id());
            List<SearchHit> want = ref.knn(q.vector(), q.k(), q.ef());
            assertArrayEquals(
                    want.stream().map(SearchHit::id).toArray(String[]::new), r.hitIds(), q.id());
        }
        return (StatsResult) byKey.get(stats.id());
    }

    private static void awaitRunning(StandaloneCluster cluster, String job) throws Exception {
        cluster.await(
                "/jobs/" + job,
                j ->
                        j.path("state").asText().equals("RUNNING")
                                && j.path("vertices").findValues("status").stream()
                                        .allMatch(v -> v.asText().equals("RUNNING")),
                Duration.ofSeconds(180),
                "job " + job + " RUNNING");
    }

    /** {@code -p} reached every operator: none kept a parallelism of its own. */
    private static void assertParallelism(StandaloneCluster cluster, String job, int p)
            throws Exception {
        for (JsonNode v : cluster.get("/jobs/" + job).path("vertices")) {
            assertEquals(p, v.path("parallelism").asInt(), v.path("name").asText());
        }
    }

    /**
     * The collection's 4 shards are placed evenly (2 per subtask at -p 2, 1 at -p 4), so every
     * index subtask reports live vectors; Flink's plain hashing of the shard keys left some with
     * none.
     */
    private static void assertEveryIndexSubtaskHoldsVectors(StandaloneCluster cluster, String job)
            throws Exception {
        JsonNode index = null;
        for (JsonNode v : cluster.get("/jobs/" + job).path("vertices")) {
            if (v.path("name").asText().contains("shard index")) {
                index = v;
            }
        }
        assertTrue(index != null, "no shard index vertex");
        String path = "/jobs/" + job + "/vertices/" + index.path("id").asText() + "/metrics";
        int parallelism = index.path("parallelism").asInt();
        // The JobManager fetches metrics every 10 s: wait until every subtask's gauge is there.
        JsonNode names =
                cluster.await(
                        path,
                        n -> liveVectorMetrics(n).size() == parallelism,
                        Duration.ofSeconds(60),
                        "a liveVectors gauge from every index subtask");
        String get = String.join(",", liveVectorMetrics(names));
        cluster.await(
                path + "?get=" + get,
                values -> {
                    for (JsonNode m : values) {
                        if (m.path("value").asLong() <= 0) {
                            return false;
                        }
                    }
                    return values.size() == parallelism;
                },
                Duration.ofSeconds(60),
                "live vectors on every index subtask");
    }

    private static List<String> liveVectorMetrics(JsonNode names) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : names) {
            if (m.path("id").asText().endsWith(".liveVectors")) {
                out.add(m.path("id").asText());
            }
        }
        return out;
    }

    private static long restarts(StandaloneCluster cluster, String job)
            throws IOException, InterruptedException {
        return cluster.get("/jobs/" + job + "/metrics?get=numRestarts")
                .path(0)
                .path("value")
                .asLong();
    }

    /** The current execution attempt number of every subtask, by vertex id and subtask index. */
    private static Map<String, Integer> attempts(StandaloneCluster cluster, String job)
            throws IOException, InterruptedException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode v : cluster.get("/jobs/" + job).path("vertices")) {
            String id = v.path("id").asText();
            for (JsonNode s : cluster.get("/jobs/" + job + "/vertices/" + id).path("subtasks")) {
                out.put(id + "/" + s.path("subtask").asInt(), s.path("attempt").asInt());
            }
        }
        return out;
    }

    /** Some subtask known before runs a later attempt now. */
    private static boolean laterAttempt(Map<String, Integer> before, Map<String, Integer> now) {
        return now.entrySet().stream()
                .anyMatch(
                        e ->
                                before.containsKey(e.getKey())
                                        && e.getValue() > before.get(e.getKey()));
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
