package org.vectorindex.connectors.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.vectorindex.operators.model.RawRecord;

/**
 * Builds a {@link KafkaSource} of {@link RawRecord}s (bytes plus topic, partition, offset). It
 * reads with {@code isolation.level=read_committed} unless the client properties say otherwise, so
 * aborted transactional input is never indexed. Fails fast naming what is missing.
 */
@Internal
public final class RawKafkaSourceBuilder {
    private String bootstrapServers;
    private final List<String> topics = new ArrayList<>();
    private String groupId;
    private Properties clientProperties = new Properties();
    private KafkaOptions.StartingOffsets startingOffsets =
            KafkaOptions.STARTING_OFFSETS.defaultValue();
    private boolean bounded;

    public RawKafkaSourceBuilder bootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public RawKafkaSourceBuilder topic(String topic) {
        this.topics.add(topic);
        return this;
    }

    public RawKafkaSourceBuilder groupId(String groupId) {
        this.groupId = groupId;
        return this;
    }

    /** Passed through to the consumer (security settings and the like). */
    public RawKafkaSourceBuilder clientProperties(Properties properties) {
        this.clientProperties = KafkaClientProperties.merged(properties, null);
        return this;
    }

    public RawKafkaSourceBuilder startingOffsets(KafkaOptions.StartingOffsets offsets) {
        this.startingOffsets = offsets;
        return this;
    }

    /** Stop at the offsets that are latest when the job starts (tests, one-off loads). */
    public RawKafkaSourceBuilder bounded(boolean bounded) {
        this.bounded = bounded;
        return this;
    }

    public KafkaSource<RawRecord> build() {
        List<String> missing = new ArrayList<>();
        if (isBlank(bootstrapServers)) {
            missing.add("bootstrap servers");
        }
        if (topics.isEmpty() || topics.stream().anyMatch(RawKafkaSourceBuilder::isBlank)) {
            missing.add("topic");
        }
        if (isBlank(groupId)) {
            missing.add("group id");
        }
        if (startingOffsets == null) {
            missing.add("starting offsets");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Kafka source: missing " + String.join(", ", missing));
        }
        Properties props =
                KafkaClientProperties.merged(
                        defaults(), clientProperties); // the caller's settings win
        var builder =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topics)
                        .setGroupId(groupId)
                        .setDeserializer(new RawRecordDeserializationSchema())
                        .setProperties(props)
                        .setStartingOffsets(offsets(startingOffsets));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static Properties defaults() {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static OffsetsInitializer offsets(KafkaOptions.StartingOffsets o) {
        switch (o) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
