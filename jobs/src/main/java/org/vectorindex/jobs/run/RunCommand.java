package org.vectorindex.jobs.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import org.vectorindex.connectors.kafka.KafkaClientProperties;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionsFile;

/**
 * {@code run}: starts the streaming job. Under {@code java -jar} it runs on a local MiniCluster
 * whose every listener is bound to 127.0.0.1, with one slot per unit of parallelism; under {@code
 * flink run} (a context environment exists) it is submitted to that cluster. With {@code
 * --state-dir}, checkpoints are retained there and a restart resumes from the newest completed one.
 */
public final class RunCommand {
    private RunCommand() {}

    public static final String USAGE =
            "usage: run --bootstrap-servers H:P --mutations-topic T --queries-topic T"
                    + " --results-topic T --dlq-topic T --collections FILE [--parallelism N]"
                    + " [--state-dir DIR] [--checkpoint-interval 1s] [--state-backend rocksdb|heap]"
                    + " [--kafka-property k=v]... [--kafka-properties FILE]"
                    + " [--transactional-id-prefix P] [--group-id G] [--web-ui-port P]"
                    + " [--conf key=value]...";

    /** Runs the job until it ends (bounded input) or fails; returns the exit code. */
    public static int run(String[] args) throws Exception {
        JobClient client = start(args);
        client.getJobExecutionResult().get();
        return 0;
    }

    /** Submits the job and returns once it is submitted. */
    public static JobClient start(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        TopicCheck.requireTopics(s.conf, s.kafka);
        Configuration flink = VectorIndexJob.flinkConfiguration(s.conf);
        flink.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
                .ifPresent(p -> System.err.println("run: resuming from " + p));
        StreamExecutionEnvironment env = environment(flink, s.parallelism);
        VectorIndexJob.build(env, s.conf, s.kafka, s.collections);
        return env.executeAsync("flink-vector-index");
    }

    private static StreamExecutionEnvironment environment(Configuration flink, int parallelism) {
        StreamExecutionEnvironment context =
                StreamExecutionEnvironment.getExecutionEnvironment(flink);
        StreamExecutionEnvironment env;
        if (context instanceof LocalStreamEnvironment) {
            Configuration local = new Configuration(flink);
            local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            local.set(RestOptions.ADDRESS, "127.0.0.1");
            local.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
            local.set(JobManagerOptions.ADDRESS, "127.0.0.1");
            local.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
            local.set(TaskManagerOptions.HOST, "127.0.0.1");
            local.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
            local.getOptional(JobOptions.WEB_UI_PORT)
                    .ifPresent(
                            port -> {
                                local.set(RestOptions.BIND_PORT, Integer.toString(port));
                                System.err.println(
                                        "run: Flink web UI and REST API at http://127.0.0.1:"
                                                + port
                                                + "/ (metrics of this job: group vectorindex)");
                            });
            if (!local.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
                // The JobManager's in-memory storage caps state at 5 MB: a real index exceeds it,
                // every checkpoint would fail and exactly-once output would never be committed.
                local.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                local.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, temporaryCheckpointDir());
            }
            env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, local);
        } else {
            env = context;
            env.configure(flink);
        }
        env.setParallelism(parallelism);
        return env;
    }

    private static String temporaryCheckpointDir() {
        try {
            Path dir = Files.createTempDirectory("flink-vector-index-checkpoints");
            dir.toFile().deleteOnExit();
            return dir.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkpoint directory", e);
        }
    }

    /** Parsed flags. */
    static final class Settings {
        final Configuration conf = new Configuration();
        Properties kafka;
        CollectionRegistry collections;
        int parallelism = 2;

        static Settings parse(String[] args) {
            Settings s = new Settings();
            List<String> kafkaProps = new ArrayList<>();
            Path kafkaFile = null;
            List<String> missing =
                    new ArrayList<>(
                            List.of(
                                    "--bootstrap-servers",
                                    "--mutations-topic",
                                    "--queries-topic",
                                    "--results-topic",
                                    "--dlq-topic",
                                    "--collections"));
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (!flag.startsWith("--")) {
                    throw new IllegalArgumentException(
                            "run: unexpected argument '" + flag + "'\n" + USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("run: flag " + flag + " needs a value");
                }
                String v = args[++i];
                missing.remove(flag);
                switch (flag) {
                    case "--bootstrap-servers" -> s.conf.set(KafkaOptions.BOOTSTRAP_SERVERS, v);
                    case "--mutations-topic" -> s.conf.set(KafkaOptions.MUTATIONS_TOPIC, v);
                    case "--queries-topic" -> s.conf.set(KafkaOptions.QUERIES_TOPIC, v);
                    case "--results-topic" -> s.conf.set(KafkaOptions.RESULTS_TOPIC, v);
                    case "--dlq-topic" -> s.conf.set(KafkaOptions.DLQ_TOPIC, v);
                    case "--collections" -> s.conf.set(JobOptions.COLLECTIONS_FILE, v);
                    case "--parallelism" -> s.parallelism = positive(flag, v);
                    case "--state-dir" -> s.conf.set(JobOptions.STATE_DIR, v);
                    case "--checkpoint-interval" ->
                            s.conf.set(JobOptions.CHECKPOINT_INTERVAL, duration(flag, v));
                    case "--state-backend" -> s.conf.set(JobOptions.STATE_BACKEND, backend(v));
                    case "--kafka-property" -> kafkaProps.add(v);
                    case "--kafka-properties" -> kafkaFile = Path.of(v);
                    case "--transactional-id-prefix" ->
                            s.conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, v);
                    case "--group-id" -> s.conf.set(KafkaOptions.GROUP_ID, v);
                    case "--web-ui-port" -> s.conf.set(JobOptions.WEB_UI_PORT, port(flag, v));
                    case "--conf" -> {
                        int eq = v.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException(
                                    "run: --conf expects key=value, got '" + v + "'");
                        }
                        s.conf.setString(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
                    }
                    default ->
                            throw new IllegalArgumentException(
                                    "run: unknown flag " + flag + "\n" + USAGE);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "run: missing required flag"
                                + (missing.size() > 1 ? "s " : " ")
                                + String.join(", ", missing)
                                + "\n"
                                + USAGE);
            }
            s.kafka = KafkaClientProperties.of(kafkaFile, kafkaProps);
            s.collections = CollectionsFile.load(Path.of(s.conf.get(JobOptions.COLLECTIONS_FILE)));
            s.conf.set(CoreOptions.DEFAULT_PARALLELISM, s.parallelism);
            return s;
        }

        private static int positive(String flag, String v) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException(
                    "run: " + flag + " expects a positive integer, got '" + v + "'");
        }

        private static int port(String flag, String v) {
            int n = positive(flag, v);
            if (n > 65535) {
                throw new IllegalArgumentException(
                        "run: " + flag + " expects a port in 1..65535, got " + n);
            }
            return n;
        }

        private static Duration duration(String flag, String v) {
            try {
                Duration d = TimeUtils.parseDuration(v);
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (IllegalArgumentException e) {
                // fall through
            }
            throw new IllegalArgumentException(
                    "run: " + flag + " expects a duration such as 1s or 500ms, got '" + v + "'");
        }

        private static JobOptions.StateBackend backend(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "rocksdb" -> JobOptions.StateBackend.ROCKSDB;
                case "heap", "hashmap" -> JobOptions.StateBackend.HEAP;
                default ->
                        throw new IllegalArgumentException(
                                "run: --state-backend expects rocksdb or heap, got '" + v + "'");
            };
        }
    }
}
