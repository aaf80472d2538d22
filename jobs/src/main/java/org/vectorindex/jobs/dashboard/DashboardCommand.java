package org.vectorindex.jobs.dashboard;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.vectorindex.connectors.kafka.KafkaClientProperties;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.jobs.cli.Command;
import org.vectorindex.jobs.cli.Flags;
import org.vectorindex.jobs.client.ClientArgs;
import org.vectorindex.operators.model.CollectionsFile;

/**
 * {@code dashboard}: serves the live page of a running job until Ctrl-C. It is a client: it needs
 * the broker, the topics and Flink's REST API, so it works the same against a local run and a
 * cluster.
 */
public final class DashboardCommand implements Command {
    public static final Flags.Spec SPEC =
            Flags.spec("dashboard")
                    .required("bootstrap-servers", "Kafka bootstrap servers, host:port[,...]")
                    .optional("queries-topic", TopicNames.QUERIES, "queries topic (stats, queries)")
                    .optional("results-topic", TopicNames.RESULTS, "results topic")
                    .optional("dlq-topic", TopicNames.DLQ, "dead-letter topic")
                    .optional("flink-rest", "http://127.0.0.1:8081", "Flink REST API")
                    .optional(
                            "collections",
                            null,
                            "collections file, for types and dimensions (default: learnt from"
                                    + " results)")
                    .optional("port", "8090", "HTTP port; 0 picks a free one")
                    .optional("bind", "127.0.0.1", "address to listen on (warns unless 127.0.0.1)")
                    .optional("kafka-properties", null, "Kafka client properties file")
                    .optional("kafka-property", null, "k=v Kafka client setting; repeatable");

    private final PrintStream out;
    private final CountDownLatch stop;

    public DashboardCommand(PrintStream out) {
        this(out, new CountDownLatch(1));
    }

    /** With a latch that ends the command when released (tests); otherwise Ctrl-C ends it. */
    DashboardCommand(PrintStream out, CountDownLatch stop) {
        this.out = out;
        this.stop = stop;
    }

    static Dashboard.Options parse(List<String> args) {
        ClientArgs ca = ClientArgs.of(args, Set.of(), "kafka-property");
        Flags f = SPEC.parse(ca.remaining());
        int port = f.integer("port", 0);
        if (port > 65535) {
            throw new IllegalArgumentException(
                    "dashboard: --port must be in 0..65535, got " + port);
        }
        return new Dashboard.Options(
                f.required("bootstrap-servers"),
                f.required("queries-topic"),
                f.required("results-topic"),
                f.required("dlq-topic"),
                f.required("flink-rest"),
                f.has("collections") ? CollectionsFile.load(f.path("collections")) : null,
                f.required("bind"),
                port,
                KafkaClientProperties.of(f.path("kafka-properties"), ca.repeated()));
    }

    @Override
    public int run(List<String> args) throws Exception {
        Dashboard.Options o = parse(args);
        try (Dashboard d = Dashboard.start(o, System.err)) {
            out.println("dashboard: " + d.url());
            Thread hook = new Thread(stop::countDown, "dashboard-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
        }
        return 0;
    }
}
