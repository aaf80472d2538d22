package org.vectorindex.jobs.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.vectorindex.connectors.kafka.TopicCreator;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM,
 * listening on 127.0.0.1 only. Used by the tests, the {@code kafka} command and the demo.
 *
 * <p><b>transaction.version.</b> The storage is formatted with {@code transaction.version=1} by
 * default. Kafka 4.x defaults to 2 (KIP-890), under which the broker bumps the producer epoch at
 * the end of every transaction. Flink's KafkaSink re-commits the transactions of the last
 * checkpoint after a recovery using the epoch it recorded; under version 2 that epoch is stale when
 * the commit had already gone through, so the broker answers "fenced" and the sink logs "producer
 * is already fenced … most likely signals data loss" although nothing was lost. Under version 1 a
 * repeated commit is acknowledged as such, so the sink's ERROR keeps meaning what it says (a
 * transaction that really timed out and was aborted is still reported as fenced). Override with
 * {@link Builder#transactionVersion}.
 *
 * <p>The cluster id is a constant, so a data directory can be reused across restarts.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    /** Fixed cluster id: no randomness, and a reused data dir keeps matching. */
    private static final String CLUSTER_ID =
            new Uuid(0x766563746f72696eL, 0x6465782d6b61666bL).toString();

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder b) throws IOException {
        this.deleteOnClose = b.dataDir == null;
        this.dataDir =
                b.dataDir != null
                        ? Files.createDirectories(b.dataDir)
                        : Files.createTempDirectory("embedded-kafka-");
        this.port = b.port > 0 ? b.port : freePort();
        this.controllerPort = freePort();
        Properties props = serverProperties(b.properties);
        Path logDir = dataDir.resolve("logs");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(props, b.transactionVersion);
        }
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            s.startup();
        } catch (RuntimeException e) {
            s.shutdown();
            throw new IllegalStateException(
                    "Kafka broker failed to start on 127.0.0.1:" + port + ": " + e, e);
        }
        this.server = s;
        awaitReady();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A broker on a free port with a temporary data dir, deleted on {@link #close()}. */
    public static EmbeddedKafkaBroker start() throws IOException {
        return builder().start();
    }

    /** {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates topics with replication factor 1; existing ones are left as they are. */
    public List<TopicCreator.Outcome> createTopics(int partitions, String... topics) {
        try (Admin admin = admin()) {
            return TopicCreator.create(
                    admin, List.of(topics), partitions, 1, Map.of(), Duration.ofSeconds(30));
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            FileUtils.deleteDirectoryQuietly(dataDir.toFile()); // best effort
        }
    }

    private Properties serverProperties(Properties overrides) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.putAll(overrides);
        return p;
    }

    private void format(Properties props, int transactionVersion) throws IOException {
        Path file = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "embedded Kafka broker");
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            rc =
                    StorageTool.execute(
                            new String[] {
                                "format",
                                "-t",
                                CLUSTER_ID,
                                "-c",
                                file.toString(),
                                "--feature",
                                "transaction.version=" + transactionVersion
                            },
                            ps);
        }
        if (rc != 0) {
            throw new IllegalStateException(
                    "formatting Kafka storage in " + dataDir + " failed: " + log);
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Kafka broker did not become ready: " + e, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Settings of the broker to start. */
    public static final class Builder {
        private int port;
        private Path dataDir;
        private int transactionVersion = 1;
        private final Properties properties = new Properties();

        /** Port of the PLAINTEXT listener; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Data directory, kept after close; by default a temporary one that is deleted. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Transaction protocol version the storage is formatted with (1 or 2); see above. */
        public Builder transactionVersion(int version) {
            if (version < 0 || version > 2) {
                throw new IllegalArgumentException(
                        "transaction.version must be 0, 1 or 2, got " + version);
            }
            this.transactionVersion = version;
            return this;
        }

        /** Any broker setting, overriding the defaults. */
        public Builder brokerProperty(String key, String value) {
            properties.setProperty(key, value);
            return this;
        }

        public EmbeddedKafkaBroker start() throws IOException {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
