package org.vectorindex.jobs.testing;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.kafka.KafkaOptions;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.client.AppliedOffsets;
import org.vectorindex.jobs.client.RecordSender;
import org.vectorindex.jobs.client.TopicTail;
import org.vectorindex.jobs.dashboard.Dashboard;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.jobs.run.RunCommand;
import org.vectorindex.operators.model.CollectionsFile;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.testing.LoopbackMiniCluster;

/**
 * What a jobs ITCase runs against, registered with {@code @RegisterExtension}: an embedded Kafka
 * broker, started on first use and closed when the scope it was registered for ends (the class for
 * a static field, each test for an instance field), optionally a loopback MiniCluster that the jobs
 * started in-process submit to (else {@link RunCommand} starts its own local cluster), and readers
 * of the committed outputs.
 */
public final class JobEnvironment
        implements BeforeAllCallback,
                AfterAllCallback,
                BeforeEachCallback,
                AfterEachCallback,
                ParameterResolver {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final MiniClusterExtension cluster;
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private EmbeddedKafkaBroker broker;
    private boolean perClass;

    private JobEnvironment(MiniClusterExtension cluster) {
        this.cluster = cluster;
    }

    /** A broker; jobs run on {@link RunCommand}'s own local cluster. */
    public static JobEnvironment kafka() {
        return new JobEnvironment(null);
    }

    /**
     * A broker and a MiniCluster with {@code slots} slots (the jobs' parallelism); for a static
     * field, as the MiniCluster starts once per class.
     */
    public static JobEnvironment onMiniCluster(int slots) {
        return new JobEnvironment(LoopbackMiniCluster.extension(slots));
    }

    /** A broker setting over the embedded broker's defaults. */
    public JobEnvironment brokerProperty(String key, String value) {
        brokerProperties.put(key, value);
        return this;
    }

    public synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            try {
                EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder();
                brokerProperties.forEach(b::brokerProperty);
                broker = b.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    public void createTopics(int partitions, String... topics) {
        broker().createTopics(partitions, topics);
    }

    /** The job's arguments on this broker, with topics m, q, r and d. */
    public JobArgs job(Path collections) {
        return new JobArgs(bootstrapServers(), collections);
    }

    /** As {@link #job}, creating topics m, q, r and d with {@code partitions} partitions each. */
    public JobArgs jobOnNewTopics(int partitions, Path collections) {
        createTopics(partitions, "m", "q", "r", "d");
        return job(collections);
    }

    /** Writes {@code yaml} to {@code dir/collections.yaml}. */
    public static Path collectionsFile(Path dir, String yaml) throws IOException {
        Path f = dir.resolve("collections.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    /** Every committed record of {@code topic}, read as results. */
    public static List<ResultRecord> committedResults(String bootstrap, String topic) {
        List<ResultRecord> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestClients.readCommitted(bootstrap, topic, READ_TIMEOUT)) {
            out.add(OutputJson.readResult(r.value()));
        }
        return out;
    }

    /** Every committed record of {@code topic} as text (dead letters, say). */
    public static List<String> committedText(String bootstrap, String topic) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestClients.readCommitted(bootstrap, topic, READ_TIMEOUT)) {
            out.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    public List<ResultRecord> results(String topic) {
        return committedResults(bootstrapServers(), topic);
    }

    /**
     * The committed one-shot answers on {@code topic} whose query id starts with {@code prefix}, by
     * id; fails on an id answered twice.
     */
    public Map<String, QueryResult> answers(String topic, String prefix) {
        Map<String, QueryResult> results = new HashMap<>();
        for (ResultRecord r : results(topic)) {
            if (r instanceof QueryResult q && q.queryId().startsWith(prefix)) {
                assertNull(results.put(q.queryId(), q), "twice: " + q.queryId());
            }
        }
        return results;
    }

    /** Whether the job's default group applied all of {@code topic} within {@code timeout}. */
    public boolean applied(String topic, Duration timeout) throws Exception {
        try (Admin admin = broker().admin()) {
            return AppliedOffsets.await(
                    admin, KafkaOptions.GROUP_ID.defaultValue(), topic, timeout);
        }
    }

    /** Follows {@code topic} from its end, handing each record to {@code handler} as a result. */
    public TopicTail tailResults(String topic, Consumer<ResultRecord> handler) {
        return TopicTail.start(
                bootstrapServers(),
                new Properties(),
                topic,
                READ_TIMEOUT,
                r -> handler.accept(OutputJson.readResult(r.value())));
    }

    /**
     * The dashboard of a job on topics q, r and d serving {@code collections}, reading the job's
     * REST API at {@code flinkRest}, on a free loopback port.
     */
    public Dashboard startDashboard(String flinkRest, Path collections) throws IOException {
        Dashboard.Options options =
                new Dashboard.Options(
                        bootstrapServers(),
                        "q",
                        "r",
                        "d",
                        flinkRest,
                        CollectionsFile.load(collections),
                        "127.0.0.1",
                        0,
                        new Properties());
        return Dashboard.start(options, System.err);
    }

    /** A JSON record sender with default settings. */
    public RecordSender sender() {
        return new RecordSender(bootstrapServers(), new Properties(), false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        if (cluster != null) {
            cluster.beforeAll(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.beforeEach(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) {
                cluster.afterEach(context);
            }
        } finally {
            if (!perClass) {
                closeBroker();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) {
                cluster.afterAll(context);
            }
        } finally {
            closeBroker();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster != null && cluster.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster.resolveParameter(parameter, context);
    }

    private synchronized void closeBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
