package org.vectorindex.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.DeadLetter;

/**
 * Writes dead letters as JSON (connectors/FORMATS.md) to the dead-letter topic, with the original
 * Kafka key and a {@code vi-reason} header holding the reason code, so consumers can filter by
 * reason without parsing.
 */
public final class DeadLetterSerializationSchema
        implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    /** Header carrying {@link org.vectorindex.operators.model.RejectReason#code()}. */
    public static final String REASON_HEADER = "vi-reason";

    private final String topic;

    public DeadLetterSerializationSchema(String topic) {
        this.topic = Objects.requireNonNull(topic, "dead-letter topic is missing");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter element, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, element.reason().code().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                topic, null, timestamp, element.key(), OutputJson.write(element), headers);
    }
}
