package org.vectorindex.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds a transactional {@link KafkaSink} ({@link DeliveryGuarantee#EXACTLY_ONCE}): records become
 * visible to read_committed consumers when the checkpoint that covers them completes. Sets {@code
 * transaction.timeout.ms} (default 60 s) because KafkaSink's own default of one hour exceeds a
 * stock broker's 15-minute maximum and fails at the first transaction. Client properties pass
 * through, but cannot switch off the transactional settings. Fails fast naming what is missing.
 */
@Internal
public final class ExactlyOnceSinkBuilder<T> {
    private String bootstrapServers;
    private KafkaRecordSerializationSchema<T> serializer;
    private String transactionalIdPrefix;
    private Duration transactionTimeout = KafkaOptions.TRANSACTION_TIMEOUT.defaultValue();
    private Properties clientProperties = new Properties();

    public ExactlyOnceSinkBuilder<T> bootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public ExactlyOnceSinkBuilder<T> serializer(KafkaRecordSerializationSchema<T> serializer) {
        this.serializer = serializer;
        return this;
    }

    /** Unique per sink and job on the cluster, stable across restarts of that job. */
    public ExactlyOnceSinkBuilder<T> transactionalIdPrefix(String prefix) {
        this.transactionalIdPrefix = prefix;
        return this;
    }

    public ExactlyOnceSinkBuilder<T> transactionTimeout(Duration timeout) {
        this.transactionTimeout = timeout;
        return this;
    }

    public ExactlyOnceSinkBuilder<T> clientProperties(Properties properties) {
        this.clientProperties = KafkaClientProperties.merged(properties, null);
        return this;
    }

    public KafkaSink<T> build() {
        List<String> missing = new ArrayList<>();
        if (RawKafkaSourceBuilder.isBlank(bootstrapServers)) {
            missing.add("bootstrap servers");
        }
        if (serializer == null) {
            missing.add("record serializer");
        }
        if (RawKafkaSourceBuilder.isBlank(transactionalIdPrefix)) {
            missing.add("transactional id prefix");
        }
        if (transactionTimeout == null) {
            missing.add("transaction timeout");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Kafka sink: missing " + String.join(", ", missing));
        }
        if (transactionTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException(
                    "Kafka sink: transaction timeout must be at least 1 s (and at most the"
                            + " broker's transaction.max.timeout.ms, 15 min by default), got "
                            + transactionTimeout);
        }
        Properties props = KafkaClientProperties.merged(clientProperties, null);
        props.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(transactionTimeout.toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(props)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
