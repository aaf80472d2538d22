package org.vectorindex.jobs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.testing.JobEnvironment;
import org.vectorindex.operators.model.QueryResult;

/**
 * Runs the {@code load} and {@code query} clients in-process for the client ITCases, against the
 * environment's broker and the job's topics, and keeps what they print: {@link #printer()} gives
 * the stream for the next command, {@link #run} runs it and returns its output.
 */
final class ClientOutput {
    private final JobEnvironment env;
    private final String resultsTopic;
    private final List<String> loadTopic;
    private final List<String> queryTopics;
    private ByteArrayOutputStream lastBuffer;

    /** Clients of a job on topics m, q and r. */
    ClientOutput(JobEnvironment env) {
        this(env, "m", "q", "r");
    }

    ClientOutput(JobEnvironment env, String mutations, String queries, String results) {
        this.env = env;
        this.resultsTopic = results;
        loadTopic = List.of("--topic", mutations);
        queryTopics = List.of("--topic", queries, "--results-topic", results);
    }

    /** A fresh stream for the command about to be built; {@link #run} returns what it got. */
    PrintStream printer() {
        lastBuffer = new ByteArrayOutputStream();
        return new PrintStream(lastBuffer, true, StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code cmd} (built with the last {@link #printer()}), requires exit 0, returns its
     * output.
     */
    String run(Command cmd, String... args) throws Exception {
        return runExpecting(0, cmd, args);
    }

    /** As {@link #run}, requiring exit code {@code expected}. */
    String runExpecting(int expected, Command cmd, String... args) throws Exception {
        ByteArrayOutputStream buf = lastBuffer;
        int code = cmd.run(List.of(args));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, out);
        return out;
    }

    /** {@code load} into {@code collection} with {@code more}; requires exit 0. */
    String load(String collection, String... more) throws Exception {
        return loadExpecting(0, collection, more);
    }

    String loadExpecting(int expected, String collection, String... more) throws Exception {
        Command load = new LoadCommand(printer());
        return runExpecting(expected, load, args(loadTopic, collection, more));
    }

    /**
     * {@code load --binary} of {@code file} ({@code format} "--fvecs" or "--jsonl"), deleting the
     * seeded {@code fraction} of it ({@link LoadCommand#deleteSelection}); requires exit 0.
     */
    String loadWithDeletes(String collection, String format, Path file, double fraction, int seed)
            throws Exception {
        return load(
                collection,
                format,
                file.toString(),
                "--binary",
                "--delete-fraction",
                Double.toString(fraction),
                "--seed",
                Integer.toString(seed));
    }

    /** {@code query} of {@code collection} with {@code more}; requires exit 0. */
    String query(String collection, String... more) throws Exception {
        return queryExpecting(0, collection, more);
    }

    String queryExpecting(int expected, String collection, String... more) throws Exception {
        Command query = new QueryCommand(printer());
        return runExpecting(expected, query, args(queryTopics, collection, more));
    }

    /**
     * {@code query} of each of the {@code n} vectors of {@code file} ({@code format} "--fvecs" or
     * "--jsonl"), k 10, as queries t-0, t-1...; asserts that each was answered once, and returns
     * the committed answers by query id.
     */
    Map<String, QueryResult> queryEachOnce(String collection, String format, Path file, int n)
            throws Exception {
        String answers =
                query(
                        collection,
                        format,
                        file.toString(),
                        "--k",
                        "10",
                        "--id-prefix",
                        "t",
                        "--timeout",
                        "60s");
        assertEquals(n, answers.lines().filter(l -> l.startsWith("result t-")).count());
        assertEquals(n, lastJson(answers).get("answered").asLong(), answers);
        assertEquals(0, lastJson(answers).get("duplicates").asLong(), answers);

        Map<String, QueryResult> results = env.answers(resultsTopic, "t-"); // fails on a duplicate
        assertEquals(n, results.size());
        return results;
    }

    /** {@code query --subscribe} with {@code more}, on its own thread until it is closed. */
    Subscription subscribe(String collection, String... more) {
        List<String> args = new ArrayList<>(List.of(args(queryTopics, collection, more)));
        args.addAll(List.of("--subscribe", "--timeout", "0s"));
        return new Subscription(args);
    }

    /** The last line of a command's output, which the clients print as a JSON summary. */
    static JsonNode lastJson(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    /** Waits until {@code buf} holds {@code text}; fails with the output after {@code timeout}. */
    static void awaitText(ByteArrayOutputStream buf, String text, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!buf.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no '" + text + "' in:\n" + buf.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }

    private String[] args(List<String> topics, String collection, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", env.bootstrapServers()));
        args.addAll(topics);
        args.addAll(List.of("--collection", collection));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    /** A running {@code query --subscribe}; {@link #close} stops it. */
    static final class Subscription implements AutoCloseable {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread thread;
        private volatile int code = -1;

        private Subscription(List<String> args) {
            PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
            thread =
                    new Thread(
                            () -> {
                                try {
                                    code = new QueryCommand(ps, stop).run(args);
                                } catch (Exception e) {
                                    e.printStackTrace(ps);
                                }
                            });
            thread.start();
        }

        /** Waits until it printed {@code text}. */
        void awaitText(String text, Duration timeout) throws InterruptedException {
            ClientOutput.awaitText(buf, text, timeout);
        }

        String printed() {
            return buf.toString(StandardCharsets.UTF_8);
        }

        /** Its exit code once closed; -1 while it runs or if it failed. */
        int exitCode() {
            return code;
        }

        /** Stops it and waits up to 30 s for it to end. */
        @Override
        public void close() throws InterruptedException {
            stop.countDown();
            thread.join(30_000);
        }
    }
}
