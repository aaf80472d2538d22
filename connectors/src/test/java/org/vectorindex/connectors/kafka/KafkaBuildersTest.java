package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorindex.operators.model.DeadLetter;

class KafkaBuildersTest {

    @Test
    void clientPropertiesComeFromFileAndAssignments(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("client.properties");
        Files.writeString(
                f,
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n"
                        + "ssl.truststore.location=/etc/ts.jks\n");
        Properties p =
                KafkaClientProperties.of(
                        f, List.of("sasl.mechanism=SCRAM-SHA-512", "sasl.jaas.config=a b=c;"));
        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.getProperty("sasl.mechanism"), "assignments win");
        assertEquals("a b=c;", p.getProperty("sasl.jaas.config"), "value may contain '='");
        assertEquals("/etc/ts.jks", p.getProperty("ssl.truststore.location"));
    }

    @Test
    void badClientPropertiesFailFast(@TempDir Path dir) {
        assertMessage(
                IllegalArgumentException.class,
                () -> KafkaClientProperties.parse(List.of("novalue")),
                "'novalue' must have the form key=value");
        assertMessage(
                IllegalArgumentException.class,
                () -> KafkaClientProperties.parse(List.of("=x")),
                "key=value");
        assertMessage(
                IllegalArgumentException.class,
                () -> KafkaClientProperties.load(dir.resolve("missing.properties")),
                "cannot read Kafka properties file");
    }

    @Test
    void sourceBuilderNamesWhatIsMissing() {
        assertMessage(
                IllegalStateException.class,
                () -> new RawKafkaSourceBuilder().build(),
                "Kafka source: missing bootstrap servers, topic, group id");
        assertMessage(
                IllegalStateException.class,
                () -> new RawKafkaSourceBuilder().bootstrapServers("h:1").groupId("g").build(),
                "Kafka source: missing topic");
        assertNotNull(
                new RawKafkaSourceBuilder()
                        .bootstrapServers("127.0.0.1:1")
                        .topic("t")
                        .groupId("g")
                        .bounded(true)
                        .build());
    }

    @Test
    void sinkBuilderNamesWhatIsMissing() {
        assertMessage(
                IllegalStateException.class,
                () -> new ExactlyOnceSinkBuilder<DeadLetter>().build(),
                "Kafka sink: missing bootstrap servers, record serializer, transactional id prefix");
        assertMessage(
                IllegalArgumentException.class,
                () ->
                        new ExactlyOnceSinkBuilder<DeadLetter>()
                                .bootstrapServers("h:1")
                                .serializer(new DeadLetterSerializationSchema("dlq"))
                                .transactionalIdPrefix("p")
                                .transactionTimeout(Duration.ofMillis(10))
                                .build(),
                "transaction timeout must be at least 1 s");
        assertNotNull(
                new ExactlyOnceSinkBuilder<DeadLetter>()
                        .bootstrapServers("h:1")
                        .serializer(new DeadLetterSerializationSchema("dlq"))
                        .transactionalIdPrefix("p")
                        .build());
    }

    @Test
    void wiringListsEveryMissingOption() {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, "h:1");
        conf.set(KafkaOptions.QUERIES_TOPIC, "q");
        assertMessage(
                IllegalArgumentException.class,
                () -> KafkaWiring.from(conf, new Properties()),
                "Kafka settings missing: vectorindex.kafka.mutations-topic,"
                        + " vectorindex.kafka.results-topic, vectorindex.kafka.dlq-topic");
        conf.set(KafkaOptions.MUTATIONS_TOPIC, "m");
        conf.set(KafkaOptions.RESULTS_TOPIC, "r");
        conf.set(KafkaOptions.DLQ_TOPIC, "d");
        conf.set(KafkaOptions.MAX_RECORD_BYTES, 1000);
        KafkaWiring w = KafkaWiring.from(conf, new Properties());
        assertNotNull(w.mutationsSource());
        assertNotNull(w.queriesSource());
        assertNotNull(w.resultsSink());
        assertNotNull(w.deadLetterSink());
        assertEquals(1000, w.formatSettings().maxRecordBytes());
    }

    private static void assertMessage(
            Class<? extends Throwable> type,
            org.junit.jupiter.api.function.Executable e,
            String part) {
        Throwable t = assertThrows(type, e);
        assertTrue(t.getMessage().contains(part), "message was: " + t.getMessage());
    }
}
