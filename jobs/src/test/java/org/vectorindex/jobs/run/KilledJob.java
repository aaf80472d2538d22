package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.jobs.testing.ChildJvm;

/**
 * Runs the job as a child JVM ({@code Main run ... --state-dir DIR}) while a driver feeds it, kills
 * it with SIGKILL ({@link Process#destroyForcibly}) at given points of committed output, and
 * restarts it on the same directory each time, so it must resume from its retained checkpoint. Why
 * a child JVM: only a real process kill loses everything that was not checkpointed; a MiniCluster's
 * injected failures keep the JVM, its heap, its open files and its Kafka producers. Shared by the
 * process-kill ITCases so the kill choreography exists once.
 */
final class KilledJob {
    /** Kill once {@code count} committed results have a key that passes {@code keys}. */
    record KillPoint(int count, Predicate<String> keys) {}

    /** The driver's outputs, and how many kills happened before it finished. */
    record Run<T>(T outputs, int kills) {}

    private KilledJob() {}

    /**
     * An empty directory {@code target/NAME}: under target/ rather than a temp dir, so the child
     * JVMs' logs ({@code job-N.log}) survive a failure.
     */
    static Path freshDir(String name) throws IOException {
        Path dir = Path.of("target", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * Starts {@code Main <args> --state-dir DIR/state}, runs {@code driver} beside it, and at each
     * point (in order), once it is reached and the driver is still running, kills the job and
     * starts it again. Asserts that every restart logged that it resumes from a checkpoint; the
     * last job is killed when this returns.
     *
     * @param timeout how long to wait for the driver once every point is passed
     */
    static <T> Run<T> run(
            EmbeddedKafkaBroker broker,
            String resultsTopic,
            List<String> args,
            Path dir,
            Callable<T> driver,
            Duration timeout,
            KillPoint... points)
            throws Exception {
        List<String> withState = new ArrayList<>(args);
        withState.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        Process job = start(withState, dir, 1);
        CompletableFuture<T> driven =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return driver.call();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        int kills = 0;
        try {
            for (KillPoint point : points) {
                awaitCommitted(broker, resultsTopic, point, driven);
                if (!driven.isDone()) {
                    job.destroyForcibly().waitFor();
                    kills++;
                    job = start(withState, dir, kills + 1);
                }
            }
            T outputs = driven.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (int n = 2; n <= kills + 1; n++) {
                assertTrue(
                        resumed(dir.resolve("job-" + n + ".log")),
                        "restart " + n + " did not resume");
            }
            return new Run<>(outputs, kills);
        } finally {
            job.destroyForcibly().waitFor();
        }
    }

    /**
     * {@link #run} of scenario {@code s}'s job (its topics created, its collections file in {@code
     * dir}) at {@code parallelism}, driven by {@link JobScenario#drive} with {@code pace} for at
     * most {@code driveTimeout} (waited for 30 s longer), and killed twice: once any output beyond
     * the subscriptions' version 1 is committed (the mutations are still being applied), and once
     * {@code answered} one-shot queries are.
     */
    static Run<JobScenario.Outputs> killTwice(
            EmbeddedKafkaBroker broker,
            JobScenario s,
            Path dir,
            int parallelism,
            Duration pace,
            Duration driveTimeout,
            int answered)
            throws Exception {
        s.createTopics(broker);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(s.jobArgs(broker, s.collectionsFileIn(dir), parallelism).list());
        return run(
                broker,
                s.topic("r"),
                args,
                dir,
                () -> s.drive(broker, driveTimeout, pace),
                driveTimeout.plusSeconds(30),
                new KillPoint(s.subscriptions.size() + 1, key -> true),
                new KillPoint(answered, key -> key.startsWith("q-")));
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

    /** Waits until the point's count of committed results is reached (or the driver is done). */
    private static void awaitCommitted(
            EmbeddedKafkaBroker broker, String topic, KillPoint point, CompletableFuture<?> driven)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!driven.isDone() && System.nanoTime() < deadline) {
            int count = 0;
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaTestClients.readCommitted(
                            broker.bootstrapServers(), topic, Duration.ofSeconds(30))) {
                if (point.keys().test(new String(r.key(), StandardCharsets.UTF_8))) {
                    count++;
                }
            }
            if (count >= point.count()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** {@code java <Flink's JVM flags> -cp <test class path> org.vectorindex.jobs.Main ...}. */
    private static Process start(List<String> args, Path dir, int n) throws IOException {
        List<String> cmd = new ArrayList<>();
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
        return ChildJvm.java(cmd).redirectOutput(dir.resolve("job-" + n + ".log").toFile()).start();
    }
}
