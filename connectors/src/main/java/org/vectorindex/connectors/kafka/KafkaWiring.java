package org.vectorindex.connectors.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.vectorindex.connectors.format.FieldLimits;
import org.vectorindex.connectors.format.FormatSettings;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.RawRecord;
import org.vectorindex.operators.model.ResultRecord;

/**
 * The job's four Kafka endpoints built from {@link KafkaOptions} in a Flink {@link Configuration}
 * plus pass-through client properties: a source per input topic, and exactly-once sinks for results
 * and dead letters (their transactional ids get distinct suffixes, since two sinks sharing a prefix
 * would fence each other). {@link #from} fails fast listing every missing option.
 */
@Internal
public final class KafkaWiring {
    private final Configuration conf;
    private final Properties clientProperties;
    private boolean boundedSources;

    private KafkaWiring(Configuration conf, Properties clientProperties) {
        this.conf = conf;
        this.clientProperties = clientProperties;
    }

    public static KafkaWiring from(Configuration conf, Properties clientProperties) {
        Objects.requireNonNull(conf, "configuration is missing");
        List<String> missing = new ArrayList<>();
        for (ConfigOption<String> o :
                List.of(
                        KafkaOptions.BOOTSTRAP_SERVERS,
                        KafkaOptions.MUTATIONS_TOPIC,
                        KafkaOptions.QUERIES_TOPIC,
                        KafkaOptions.RESULTS_TOPIC,
                        KafkaOptions.DLQ_TOPIC)) {
            if (RawKafkaSourceBuilder.isBlank(conf.get(o))) {
                missing.add(o.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Kafka settings missing: " + String.join(", ", missing));
        }
        return new KafkaWiring(conf, KafkaClientProperties.merged(clientProperties, null));
    }

    /** Sources stop at the offsets latest at start-up (tests and one-off runs). */
    public KafkaWiring boundedSources(boolean bounded) {
        this.boundedSources = bounded;
        return this;
    }

    public KafkaSource<RawRecord> mutationsSource() {
        return source(
                conf.get(KafkaOptions.MUTATIONS_TOPIC),
                conf.get(KafkaOptions.MUTATIONS_STARTING_OFFSETS));
    }

    public KafkaSource<RawRecord> queriesSource() {
        return source(
                conf.get(KafkaOptions.QUERIES_TOPIC), conf.get(KafkaOptions.STARTING_OFFSETS));
    }

    public KafkaSink<ResultRecord> resultsSink() {
        return new ExactlyOnceSinkBuilder<ResultRecord>()
                .bootstrapServers(conf.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .serializer(
                        new ResultRecordSerializationSchema(conf.get(KafkaOptions.RESULTS_TOPIC)))
                .transactionalIdPrefix(conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX) + "-results")
                .transactionTimeout(conf.get(KafkaOptions.TRANSACTION_TIMEOUT))
                .clientProperties(clientProperties)
                .build();
    }

    public KafkaSink<DeadLetter> deadLetterSink() {
        return new ExactlyOnceSinkBuilder<DeadLetter>()
                .bootstrapServers(conf.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .serializer(
                        new DeadLetterSerializationSchema(
                                        conf.get(KafkaOptions.DLQ_TOPIC),
                                        DeadLetterFit.of(clientProperties))
                                .withTopicLimitFrom(
                                        conf.get(KafkaOptions.BOOTSTRAP_SERVERS), clientProperties))
                .transactionalIdPrefix(conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX) + "-dlq")
                .transactionTimeout(conf.get(KafkaOptions.TRANSACTION_TIMEOUT))
                .clientProperties(clientProperties)
                .build();
    }

    public FormatSettings formatSettings() {
        return FormatSettings.defaults()
                .withMaxRecordBytes(conf.get(KafkaOptions.MAX_RECORD_BYTES))
                .withFields(
                        new FieldLimits(
                                conf.get(KafkaOptions.MAX_ID_BYTES),
                                conf.get(KafkaOptions.MAX_ATTRIBUTE_KEY_BYTES),
                                conf.get(KafkaOptions.MAX_ATTRIBUTE_VALUE_BYTES),
                                conf.get(KafkaOptions.MAX_ATTRIBUTES),
                                conf.get(KafkaOptions.MAX_TOKENS)));
    }

    private KafkaSource<RawRecord> source(String topic, KafkaOptions.StartingOffsets offsets) {
        return new RawKafkaSourceBuilder()
                .bootstrapServers(conf.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .topic(topic)
                .groupId(conf.get(KafkaOptions.GROUP_ID))
                .clientProperties(clientProperties)
                .startingOffsets(offsets)
                .bounded(boundedSources)
                .build();
    }
}
