package org.vectorindex.jobs;

import java.util.List;
import java.util.OptionalInt;
import org.vectorindex.connectors.kafka.BrokerUnreachableException;
import org.vectorindex.jobs.check.BenchCheck;
import org.vectorindex.jobs.cli.Subcommands;
import org.vectorindex.jobs.client.DeadLettersCommand;
import org.vectorindex.jobs.client.LoadCommand;
import org.vectorindex.jobs.client.QueryCommand;
import org.vectorindex.jobs.client.TopicsCommand;
import org.vectorindex.jobs.dashboard.DashboardCommand;
import org.vectorindex.jobs.demo.DemoCommand;
import org.vectorindex.jobs.embed.EmbedCommand;
import org.vectorindex.jobs.kafka.KafkaCommand;
import org.vectorindex.jobs.run.RunCommand;

/**
 * Entry point of {@code flink-vector-index.jar}: dispatches to a sub-command. Adding a command is
 * one {@code add} line in {@link #commands()}. Bad input (unknown flags, unreadable data) exits 2
 * with the message; a failed check, and a Kafka broker that does not answer, exit 1.
 */
public final class Main {
    private Main() {}

    /** The jar's command table. */
    public static Subcommands commands() {
        return new Subcommands("java -jar flink-vector-index.jar")
                .add(
                        "run",
                        "the streaming job on Kafka",
                        RunCommand.USAGE,
                        a -> RunCommand.run(a.toArray(String[]::new)))
                .add(
                        "kafka",
                        "a local KRaft broker on 127.0.0.1",
                        KafkaCommand.USAGE,
                        a -> KafkaCommand.run(a.toArray(String[]::new)))
                .add(
                        "embed",
                        "smoke test and cache warm-up of the demo's MiniLM embeddings",
                        EmbedCommand.USAGE,
                        a -> EmbedCommand.run(a.toArray(String[]::new)))
                .add("bench", "benchmarks: hnsw, churn, job, multivector", BenchCommands.table())
                .add(
                        "check",
                        "CI gates over benchmark reports: recall, churn",
                        BenchCheck.table(System.out))
                .add(
                        "topics",
                        "create the job's four topics if missing (idempotent)",
                        TopicsCommand.SPEC.usage(),
                        new TopicsCommand(System.out))
                .add(
                        "load",
                        "feed an .fvecs file to the mutations topic",
                        LoadCommand.SPEC.usage(),
                        new LoadCommand(System.out))
                .add(
                        "query",
                        "send k-NN queries or subscriptions and print the answers",
                        QueryCommand.SPEC.usage(),
                        new QueryCommand(System.out))
                .add(
                        "deadletters",
                        "print the dead-letter topic readably",
                        DeadLettersCommand.SPEC.usage(),
                        new DeadLettersCommand(System.out))
                .add(
                        "dashboard",
                        "a live web page of a running job on 127.0.0.1",
                        DashboardCommand.SPEC.usage(),
                        new DashboardCommand(System.out))
                .add(
                        "demo",
                        "embedded Kafka + the job on Europarl sentences; ends with a JSON summary",
                        DemoCommand.SPEC.usage(),
                        new DemoCommand(System.out));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) throws Exception {
        try {
            return commands().run(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return Subcommands.USAGE;
        } catch (BrokerUnreachableException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    public static void main(String[] args) throws Exception {
        OptionalInt relaunched = VectorModuleLauncher.relaunchIfNeeded();
        int code = relaunched.isPresent() ? relaunched.getAsInt() : run(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
