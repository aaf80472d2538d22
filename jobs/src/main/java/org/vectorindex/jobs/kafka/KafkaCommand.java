package org.vectorindex.jobs.kafka;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.vectorindex.connectors.kafka.TopicCreator;
import org.vectorindex.connectors.kafka.TopicNames;

/**
 * {@code kafka [--port 9092] [--dir DIR]}: a single local KRaft broker on 127.0.0.1 for trying the
 * project without a Kafka install. Runs until SIGTERM or Ctrl-C. With {@code --dir} the data
 * survives restarts; without it a temporary directory is used and deleted on exit.
 */
public final class KafkaCommand {
    public static final String USAGE =
            "usage: kafka [--port 9092] [--dir DIR] [--create-topics [--partitions 4]]\n"
                    + "  --port  listener port on 127.0.0.1 (default 9092)\n"
                    + "  --dir  data directory kept across restarts (default: a temporary one,"
                    + " deleted on exit)\n"
                    + "  --create-topics  switch: create the topics "
                    + String.join(", ", TopicNames.ALL)
                    + " if missing, as the topics command does\n"
                    + "  --partitions  partitions of the created topics (default 4)";

    private KafkaCommand() {}

    /** Runs the command; returns the process exit code (2 for bad arguments). */
    public static int run(String[] args) {
        return run(args, System.out, System.err, new CountDownLatch(1));
    }

    /** As {@link #run(String[])}, stopping when {@code stop} is released (for tests). */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("kafka: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help()) {
            out.println(USAGE);
            return 0;
        }
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.builder().port(o.port()).dataDir(o.dir()).start();
        } catch (Exception e) {
            err.println("kafka: cannot start the broker: " + e.getMessage());
            return 1;
        }
        Thread hook =
                new Thread(
                        () -> {
                            broker.close();
                            stop.countDown();
                        },
                        "kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (o.createTopics()) {
            createTopics(broker, o.partitions(), out, err);
        }
        out.println(
                "Kafka broker listening on "
                        + broker.bootstrapServers()
                        + ", data in "
                        + broker.dataDir()
                        + (o.dir() == null ? " (deleted on exit)" : "")
                        + ". Stop with Ctrl-C.");
        out.flush();
        awaitStop(stop, hook);
        broker.close();
        return 0;
    }

    /** The parsed arguments; with {@code help} set the rest was not read. */
    private record Options(int port, Path dir, boolean createTopics, int partitions, boolean help) {

        static Options parse(String[] args) {
            int port = 9092;
            Path dir = null;
            boolean createTopics = false;
            int partitions = 4;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port":
                        port = Integer.parseInt(value(args, ++i, "--port"));
                        break;
                    case "--dir":
                        dir = Path.of(value(args, ++i, "--dir"));
                        break;
                    case "--create-topics":
                        createTopics = true;
                        break;
                    case "--partitions":
                        partitions = Integer.parseInt(value(args, ++i, "--partitions"));
                        break;
                    case "-h":
                    case "--help":
                        return new Options(port, dir, createTopics, partitions, true);
                    default:
                        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--port must be in 1..65535, got " + port);
            }
            if (partitions < 1) {
                throw new IllegalArgumentException(
                        "--partitions must be at least 1, got " + partitions);
            }
            return new Options(port, dir, createTopics, partitions, false);
        }
    }

    private static void createTopics(
            EmbeddedKafkaBroker broker, int partitions, PrintStream out, PrintStream err) {
        try {
            for (TopicCreator.Outcome o :
                    broker.createTopics(partitions, TopicNames.ALL.toArray(String[]::new))) {
                out.println(o.describe());
            }
        } catch (RuntimeException e) {
            err.println("kafka: cannot create the topics: " + e.getMessage());
        }
    }

    private static void awaitStop(CountDownLatch stop, Thread hook) {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it closes the broker
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
