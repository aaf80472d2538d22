package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.EmbeddedKafkaBroker;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.state.hnsw.SearchHit;

/**
 * The job as a child JVM ({@code Main run ... --state-dir DIR}), killed with SIGKILL ({@link
 * Process#destroyForcibly}) twice mid-stream after committed output, and restarted with the same
 * directory each time: committed results and dead letters are exactly those of a failure-free run
 * (each query answered once with the core's hits; each bad record dead-lettered once), every
 * shard's index is the reference graph (size and graph digest from a stats request), and the
 * subscription updates pass {@link SubscriptionChecks} (parallelism 2: their sequence depends on
 * timing).
 */
class ProcessKillITCase {
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
    void killNineAndRestartLosesAndDuplicatesNothing() throws Exception {
        // Under target/ rather than a temp dir, so the child JVMs' logs survive a failure.
        Path dir = Path.of("target", "process-kill-it").toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        JobScenario s = JobScenario.generate("kill", 5, 4000, 4, 300, 16, true);
        broker.createTopics(1, s.topic("m"), s.topic("q"), s.topic("r"), s.topic("d"));
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(Arrays.asList(s.runArgs(broker, JobScenario.collectionsFile(dir), 2)));
        args.addAll(List.of("--state-dir", dir.resolve("state").toString()));

        Process job = start(args, dir, 1);
        CompletableFuture<JobScenario.Outputs> driven =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return s.drive(broker, Duration.ofSeconds(150));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        int kills = 0;
        try {
            // kill 1: as soon as any output beyond the subscriptions' version 1 is committed (the
            // mutations are still being applied)
            awaitCommitted(s, s.subscriptions.size() + 1, key -> true, driven);
            if (!driven.isDone()) {
                job.destroyForcibly().waitFor();
                kills++;
                job = start(args, dir, 2);
            }
            // kill 2: once some one-shot queries are answered
            awaitCommitted(s, 40, key -> key.startsWith("q-"), driven);
            if (!driven.isDone()) {
                job.destroyForcibly().waitFor();
                kills++;
                job = start(args, dir, 3);
            }
            JobScenario.Outputs out = driven.get(180, TimeUnit.SECONDS);
            assertTrue(kills >= 1, "the job was never killed mid-stream");
            for (int n = 2; n <= kills + 1; n++) {
                assertTrue(
                        resumed(dir.resolve("job-" + n + ".log")),
                        "restart " + n + " did not resume");
            }

            Reference ref = new Reference();
            s.mutations.forEach(ref::apply);
            ref.assertSameShards(out.stats());
            int updates = new SubscriptionChecks(s).check(out.results());
            assertTrue(
                    updates > 3 * s.subscriptions.size(),
                    "too few updates to be a test: " + updates);
            Map<String, QueryResult> results = out.oneShot(); // fails on a duplicate
            assertEquals(s.queries.size(), results.size(), "answered queries");
            for (Query q : s.queries) {
                List<SearchHit> want = ref.knn(q.vector(), q.k(), q.ef());
                assertArrayEquals(
                        want.stream().map(SearchHit::id).toArray(String[]::new),
                        results.get(q.id()).hitIds(),
                        q.id());
            }
            Map<String, String> letters = new LinkedHashMap<>();
            for (String json : out.deadLetters()) {
                DeadLetter d = OutputJson.readDeadLetter(json.getBytes(StandardCharsets.UTF_8));
                String where = d.sourceTopic() + "-" + d.partition() + "-" + d.offset();
                assertEquals(null, letters.put(where, d.reason().code()), "twice: " + where);
            }
            assertEquals(s.sentBad, letters, "dead letters");
            System.out.println("ProcessKillITCase: killed " + kills + " times mid-stream");
        } finally {
            job.destroyForcibly().waitFor();
        }
    }

    /** Whether the child logged that it resumes from a checkpoint (waits for it to start). */
    private static boolean resumed(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            if (Files.readString(log).contains("run: resuming from ")) {
                return true;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** Waits until {@code n} records whose key passes {@code counted} are committed. */
    private static void awaitCommitted(
            JobScenario s, int n, Predicate<String> counted, CompletableFuture<?> driven)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!driven.isDone() && System.nanoTime() < deadline) {
            int count = 0;
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaTestClients.readCommitted(
                            broker.bootstrapServers(), s.topic("r"), Duration.ofSeconds(30))) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (counted.test(key)) {
                    count++;
                }
            }
            if (count >= n) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** {@code java <Flink's JVM flags> -cp <test class path> org.vectorindex.jobs.Main run ...}. */
    private static Process start(List<String> args, Path dir, int n) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx768m");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.vectorindex.jobs.Main");
        cmd.addAll(args);
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("job-" + n + ".log").toFile())
                .start();
    }
}
