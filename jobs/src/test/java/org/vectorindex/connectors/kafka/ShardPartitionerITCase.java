package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.vectorindex.jobs.kafka.EmbeddedKafkaBroker;
import org.vectorindex.operators.shard.ShardKey;

/** A real producer with {@code partitioner.class} set, against a real 4-partition topic. */
class ShardPartitionerITCase {
    @Test
    void aProducerSendsEachShardToItsPartition() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(4, "m");
            Properties p = new Properties();
            p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.setProperty(
                    ProducerConfig.PARTITIONER_CLASS_CONFIG, ShardPartitioner.class.getName());
            p.setProperty(ShardPartitioner.SHARDS, "8");
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 200; i++) {
                    String id = "id-" + i;
                    byte[] key = id.getBytes(StandardCharsets.UTF_8);
                    int partition =
                            producer.send(new ProducerRecord<>("m", key, key))
                                    .get(30, TimeUnit.SECONDS)
                                    .partition();
                    assertEquals(ShardKey.shardOf(id, 8) % 4, partition, id);
                }
                assertThrows(
                        IllegalArgumentException.class,
                        () -> producer.send(new ProducerRecord<>("m", null, new byte[] {1})));
            }
        }
    }
}
