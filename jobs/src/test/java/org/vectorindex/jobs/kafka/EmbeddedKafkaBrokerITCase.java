package org.vectorindex.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.connectors.kafka.BrokerCheck;
import org.vectorindex.connectors.kafka.TopicNames;
import org.vectorindex.connectors.testing.KafkaTestClients;

/** The embedded broker: transactions, read_committed, restart on the same dir, the command. */
class EmbeddedKafkaBrokerITCase {

    @Test
    void transactionsAreVisibleOnlyWhenCommittedAndDataSurvivesARestart(@TempDir Path dir)
            throws Exception {
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).start()) {
            port = broker.port();
            assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"));
            try (Admin admin = broker.admin()) {
                FinalizedVersionRange tv =
                        admin.describeFeatures()
                                .featureMetadata()
                                .get(30, TimeUnit.SECONDS)
                                .finalizedFeatures()
                                .get("transaction.version");
                assertEquals(1, tv.maxVersionLevel(), "formatted with transaction.version=1");
            }
            broker.createTopics(1, "t");
            try (KafkaProducer<byte[], byte[]> p = transactional(broker, "tx-test")) {
                p.initTransactions();
                p.beginTransaction();
                p.send(new ProducerRecord<>("t", bytes("aborted")));
                p.abortTransaction();
                p.beginTransaction();
                p.send(new ProducerRecord<>("t", bytes("committed")));
                p.commitTransaction();
            }
            assertEquals(List.of("committed"), values(broker.bootstrapServers(), "t"));
        }
        assertTrue(Files.exists(dir.resolve("logs").resolve("meta.properties")), "dir kept");
        try (EmbeddedKafkaBroker again =
                EmbeddedKafkaBroker.builder().dataDir(dir).port(port).start()) {
            assertEquals(List.of("committed"), values(again.bootstrapServers(), "t"));
        }
    }

    @Test
    void temporaryDataDirIsDeletedOnClose() throws Exception {
        Path dir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            dir = broker.dataDir();
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void kafkaCommandRunsUntilStopped(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger(-1);
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Thread t =
                new Thread(
                        () ->
                                rc.set(
                                        KafkaCommand.run(
                                                new String[] {
                                                    "--port",
                                                    "" + port,
                                                    "--dir",
                                                    dir.toString(),
                                                    "--create-topics",
                                                    "--partitions",
                                                    "2"
                                                },
                                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                                stop)));
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString(StandardCharsets.UTF_8).contains("listening")
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("listening on 127.0.0.1:" + port), printed + err);
        for (String topic : TopicNames.ALL) {
            assertTrue(printed.contains("created " + topic + " (2 partitions)"), printed);
        }
        try (Admin admin = BrokerCheck.connect("127.0.0.1:" + port, null, Duration.ofSeconds(10))) {
            assertEquals(
                    2,
                    admin.describeTopics(List.of("dlq"))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get("dlq")
                            .partitions()
                            .size());
        }
        stop.countDown();
        t.join(60_000);
        assertEquals(0, rc.get());
        assertTrue(Files.exists(dir.resolve("logs").resolve("meta.properties")));
    }

    @Test
    void kafkaCommandRejectsBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(
                2,
                KafkaCommand.run(
                        new String[] {"--prot", "1"}, System.out, e, new CountDownLatch(0)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument '--prot'"));
        assertEquals(
                2, KafkaCommand.run(new String[] {"--port"}, System.out, e, new CountDownLatch(0)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port needs a value"));
        assertEquals(
                2,
                KafkaCommand.run(
                        new String[] {"--port", "x"}, System.out, e, new CountDownLatch(0)));
    }

    private static KafkaProducer<byte[], byte[]> transactional(EmbeddedKafkaBroker b, String id) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers());
        p.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<String> values(String bootstrap, String topic) {
        return KafkaTestClients.readCommitted(bootstrap, topic, Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
