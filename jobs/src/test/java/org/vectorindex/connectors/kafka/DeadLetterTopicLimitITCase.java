package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.connectors.testing.KafkaTestClients;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.ModelTypes;
import org.vectorindex.operators.model.RejectReason;
import org.vectorindex.operators.testing.LoopbackMiniCluster;

/**
 * Dead-letter topics whose {@code max.message.bytes} is far below the producer's {@code
 * max.request.size} (1 MiB): on a real broker, dead letters are cut to fit the topic, one that
 * cannot fit even cut is dropped, and the exactly-once sink never fails the job (no restarts are
 * allowed).
 */
class DeadLetterTopicLimitITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = LoopbackMiniCluster.extension(1);

    @Test
    void deadLettersFitTheTopicOrAreDroppedWithoutFailingTheJob() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            try (Admin admin = broker.admin()) {
                TopicCreator.create(
                        admin,
                        List.of("dlq-small"),
                        1,
                        1,
                        Map.of("max.message.bytes", "65536"),
                        Duration.ofSeconds(30));
                TopicCreator.create(
                        admin,
                        List.of("dlq-tiny"),
                        1,
                        1,
                        Map.of("max.message.bytes", "1500"),
                        Duration.ofSeconds(30));
            }
            byte[] big = new byte[900_000];
            Arrays.fill(big, (byte) 'x');
            DeadLetter large =
                    new DeadLetter(RejectReason.WRONG_DIMENSION, "too big", "in", 0, 7L, null, big);
            DeadLetter small =
                    new DeadLetter(
                            RejectReason.BAD_JSON, "short", "in", 0, 8L, null, new byte[] {1});
            DeadLetter bigKey =
                    new DeadLetter(
                            RejectReason.BAD_JSON,
                            "d".repeat(2_000),
                            "in",
                            0,
                            9L,
                            "k".repeat(5_000).getBytes(StandardCharsets.UTF_8),
                            null);

            run(broker, "dlq-small", List.of(large, small));
            List<DeadLetter> written = read(broker, "dlq-small");
            assertEquals(2, written.size(), written::toString);
            DeadLetter cut = written.get(0);
            assertEquals(7L, cut.offset());
            assertTrue(cut.value().length > 0 && cut.value().length < 65_536, "cut to fit");
            assertEquals(8L, written.get(1).offset());

            run(broker, "dlq-tiny", List.of(bigKey, small));
            List<DeadLetter> tiny = read(broker, "dlq-tiny");
            assertEquals(1, tiny.size(), "the one that fits even a 1500-byte topic: " + tiny);
            assertEquals(8L, tiny.get(0).offset());
        }
    }

    private static void run(EmbeddedKafkaBroker broker, String topic, List<DeadLetter> letters)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        env.fromData(letters, ModelTypes.DEAD_LETTER)
                .sinkTo(
                        new ExactlyOnceSinkBuilder<DeadLetter>()
                                .bootstrapServers(broker.bootstrapServers())
                                .serializer(
                                        new DeadLetterSerializationSchema(topic)
                                                .withTopicLimitFrom(
                                                        broker.bootstrapServers(),
                                                        new Properties()))
                                .transactionalIdPrefix("limit-it-" + topic)
                                .build());
        env.execute("dead letters to " + topic); // fails the test if the sink fails
    }

    private static List<DeadLetter> read(EmbeddedKafkaBroker broker, String topic) {
        List<DeadLetter> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestClients.readCommitted(
                        broker.bootstrapServers(), topic, Duration.ofSeconds(30))) {
            out.add(OutputJson.readDeadLetter(r.value()));
        }
        return out;
    }
}
