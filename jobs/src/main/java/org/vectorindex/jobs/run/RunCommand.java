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
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import org.vectorindex.connectors.kafka.KafkaClientProperties;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.jobs.dashboard.Dashboard;
import org.vectorindex.jobs.dashboard.LoopbackPorts;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.CollectionsFile;

/**
 * {@code run}: starts the streaming job. Under {@code java -jar} it runs on a local MiniCluster
 * whose every listener is bound to 127.0.0.1, with one slot per unit of parallelism, and waits for
 * the job. Under a cluster client ({@code flink run}, REST or web-UI submission: a context
 * environment exists) it behaves like any Flink program: it submits, then returns at once when
 * detached or waits when attached, and the cluster's parallelism, restart strategy and resume path
 * apply unless a flag overrides them.
 *
 * <p>Resume precedence: an explicit savepoint or checkpoint ({@code -s}, {@code
 * execution.savepoint.path}, REST {@code savepointPath}) wins; else, with {@code --state-dir}, the
 * newest completed checkpoint there; else the job starts without state.
 */
public final class RunCommand {
    private RunCommand() {}

    public static final String USAGE =
            "usage: run --bootstrap-servers H:P --collections FILE [--mutations-topic mutations]"
                    + " [--queries-topic queries] [--results-topic results] [--dlq-topic dlq]"
                    + " [--parallelism N]"
                    + " [--state-dir DIR] [--checkpoint-interval 1s] [--state-backend rocksdb|heap]"
                    + " [--kafka-property k=v]... [--kafka-properties FILE]"
                    + " [--transactional-id-prefix P] [--group-id G] [--web-ui-port P]"
                    + " [--dashboard-port P]"
                    + " [--conf key=value]...";

    private static final String LOCAL_DEFAULT_PARALLELISM = "2";

    /** Runs the job; returns the exit code once it ends, or once submitted when detached. */
    public static int run(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        if (s.dashboardPort != null && !s.conf.contains(JobOptions.WEB_UI_PORT)) {
            // The dashboard reads checkpoints and metrics from the REST API: give it a port.
            s.conf.set(JobOptions.WEB_UI_PORT, LoopbackPorts.free());
        }
        Prepared p = prepare(s);
        if (p.local) {
            JobClient job = submit(p);
            try (Dashboard dashboard = p.dashboard()) {
                job.getJobExecutionResult().get();
            }
        } else {
            if (s.dashboardPort != null) {
                throw new IllegalArgumentException(
                        "run: --dashboard-port is for local runs (java -jar); beside a cluster"
                                + " start the dashboard command");
            }
            // As every Flink program: execute() returns at submission when detached, else waits.
            p.env.registerJobListener(p.startLinePrinter());
            p.env.execute(JOB_NAME);
        }
        return 0;
    }

    /** Submits the job and returns once it is submitted. */
    public static JobClient start(String[] args) throws Exception {
        return submit(prepare(Settings.parse(args)));
    }

    /** Waits until a submitted job runs; fails when it ends first or {@code timeout} passes. */
    public static void awaitRunning(JobClient job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus s = job.getJobStatus().get(30, TimeUnit.SECONDS);
            if (s == JobStatus.RUNNING) {
                return;
            }
            if (s.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not start: it is " + s);
            }
            Thread.sleep(100);
        }
    }

    private static JobClient submit(Prepared p) throws Exception {
        JobClient client = p.env.executeAsync(JOB_NAME);
        p.startLinePrinter().onJobSubmitted(client, null);
        return client;
    }

    static final String JOB_NAME = "flink-vector-index";

    private static Prepared prepare(Settings s) {
        TopicCheck.requireTopics(s.conf, s.kafka);
        StreamExecutionEnvironment probe =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration(s.conf));
        boolean local = probe instanceof LocalStreamEnvironment;
        // The submitting client's settings (-s, -p, REST savepointPath) live in the context
        // environment's configuration; flags and --conf still override them.
        Configuration effective = new Configuration();
        if (!local) {
            effective.addAll(Configuration.fromMap(probe.getConfiguration().toMap()));
        }
        effective.addAll(s.conf);
        Resume resume = Resume.decide(effective, s.conf.get(JobOptions.STATE_DIR));
        Configuration flink = VectorIndexJob.flinkConfiguration(s.conf, resume);
        System.err.println("run: " + resume.describe());
        StreamExecutionEnvironment env =
                local ? localEnvironment(flink) : contextEnvironment(flink);
        VectorIndexJob.build(env, s.conf, s.kafka, s.collections);
        return new Prepared(env, local, s, resume, local ? flink : effective);
    }

    private static StreamExecutionEnvironment contextEnvironment(Configuration flink) {
        // The context factory lays these settings over the cluster's; parallelism stays the
        // cluster's (or -p) unless --parallelism set parallelism.default.
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }

    private static StreamExecutionEnvironment localEnvironment(Configuration flink) {
        Configuration local = new Configuration(flink);
        if (!local.contains(CoreOptions.DEFAULT_PARALLELISM)) {
            local.setString(CoreOptions.DEFAULT_PARALLELISM.key(), LOCAL_DEFAULT_PARALLELISM);
        }
        int parallelism = local.get(CoreOptions.DEFAULT_PARALLELISM);
        local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        local.set(RestOptions.ADDRESS, "127.0.0.1");
        local.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        local.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        local.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        local.set(TaskManagerOptions.HOST, "127.0.0.1");
        local.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        local.getOptional(JobOptions.WEB_UI_PORT)
                .ifPresent(port -> local.set(RestOptions.BIND_PORT, Integer.toString(port)));
        if (!local.contains(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL)) {
            // Flink's 10 s default would leave a dashboard's rates and recall that far behind.
            local.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        }
        if (!local.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            // The JobManager's in-memory storage caps state at 5 MB: a real index exceeds it,
            // every checkpoint would fail and exactly-once output would never be committed.
            local.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            local.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, temporaryCheckpointDir());
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, local);
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

    /** A built job, not yet submitted. */
    private record Prepared(
            StreamExecutionEnvironment env,
            boolean local,
            Settings settings,
            Resume resume,
            Configuration flink) {
        JobListener startLinePrinter() {
            return new JobListener() {
                @Override
                public void onJobSubmitted(JobClient client, Throwable failure) {
                    if (client != null) {
                        System.err.println(
                                StartLine.format(
                                        client.getJobID(),
                                        settings,
                                        env.getParallelism(),
                                        resume,
                                        webUi()));
                    }
                }

                @Override
                public void onJobExecuted(JobExecutionResult result, Throwable failure) {}
            };
        }

        /** The dashboard of a local run, printing its address; null unless asked for. */
        Dashboard dashboard() throws IOException {
            if (settings.dashboardPort == null) {
                return null;
            }
            Dashboard d =
                    Dashboard.start(
                            new Dashboard.Options(
                                    settings.conf.get(KafkaOptions.BOOTSTRAP_SERVERS),
                                    settings.conf.get(KafkaOptions.QUERIES_TOPIC),
                                    settings.conf.get(KafkaOptions.RESULTS_TOPIC),
                                    settings.conf.get(KafkaOptions.DLQ_TOPIC),
                                    "http://127.0.0.1:" + flink.get(JobOptions.WEB_UI_PORT),
                                    settings.collections,
                                    "127.0.0.1",
                                    settings.dashboardPort,
                                    settings.kafka),
                            System.err);
            System.out.println("dashboard: " + d.url());
            return d;
        }

        private String webUi() {
            if (local) {
                return flink.getOptional(JobOptions.WEB_UI_PORT)
                        .map(port -> "http://127.0.0.1:" + port + "/")
                        .orElse(null);
            }
            return flink.getOptional(RestOptions.ADDRESS)
                    .map(host -> "http://" + host + ":" + flink.get(RestOptions.PORT) + "/")
                    .orElse(null);
        }
    }

    /** Parsed flags. */
    static final class Settings {
        final Configuration conf = new Configuration();
        Properties kafka;
        CollectionRegistry collections;

        /** {@code --parallelism}, or null: then {@code -p} or {@code parallelism.default}. */
        Integer parallelism;

        /** {@code --dashboard-port} (0: any free port), or null: no dashboard. */
        Integer dashboardPort;

        static Settings parse(String[] args) {
            Settings s = new Settings();
            List<String> kafkaProps = new ArrayList<>();
            Path kafkaFile = null;
            List<String> missing = new ArrayList<>(List.of("--bootstrap-servers", "--collections"));
            s.conf.set(KafkaOptions.MUTATIONS_TOPIC, TopicNames.MUTATIONS);
            s.conf.set(KafkaOptions.QUERIES_TOPIC, TopicNames.QUERIES);
            s.conf.set(KafkaOptions.RESULTS_TOPIC, TopicNames.RESULTS);
            s.conf.set(KafkaOptions.DLQ_TOPIC, TopicNames.DLQ);
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
                    case "--dashboard-port" -> s.dashboardPort = v.equals("0") ? 0 : port(flag, v);
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
            if (s.parallelism != null) {
                s.conf.set(CoreOptions.DEFAULT_PARALLELISM, s.parallelism);
            }
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
