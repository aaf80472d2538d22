package org.vectorindex.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.ResultRecord;

/**
 * Writes results and subscription updates as JSON to the results topic, keyed by queryId or
 * subscriptionId so all updates of one subscription stay in one partition, in order.
 */
@Internal
public final class ResultRecordSerializationSchema
        implements KafkaRecordSerializationSchema<ResultRecord> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public ResultRecordSerializationSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "results topic is missing");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            ResultRecord element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                element.key().getBytes(StandardCharsets.UTF_8),
                OutputJson.write(element));
    }
}
