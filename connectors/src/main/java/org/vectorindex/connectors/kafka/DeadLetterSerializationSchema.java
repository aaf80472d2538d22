package org.vectorindex.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vectorindex.operators.model.DeadLetter;

/**
 * Writes dead letters as JSON (connectors/FORMATS.md) to the dead-letter topic, with the original
 * Kafka key and a {@code vi-reason} header holding the reason code, so consumers can filter by
 * reason without parsing. Copies of large originals are cut ({@link DeadLetterFit}); a dead letter
 * that would still exceed {@code max.request.size} is logged, counted in {@code deadLettersDropped}
 * and skipped, since failing the sink would replay it for ever.
 */
public final class DeadLetterSerializationSchema
        implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSerializationSchema.class);

    /** Header carrying {@link org.vectorindex.operators.model.RejectReason#code()}. */
    public static final String REASON_HEADER = "vi-reason";

    private final String topic;
    private final DeadLetterFit fit;
    private transient Counter dropped;

    public DeadLetterSerializationSchema(String topic) {
        this(topic, new DeadLetterFit(DeadLetterFit.DEFAULT_MAX_REQUEST_SIZE));
    }

    public DeadLetterSerializationSchema(String topic, DeadLetterFit fit) {
        this.topic = Objects.requireNonNull(topic, "dead-letter topic is missing");
        this.fit = Objects.requireNonNull(fit, "dead-letter sizing is missing");
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sink) {
        dropped = context.getMetricGroup().counter("deadLettersDropped");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter element, KafkaSinkContext context, Long timestamp) {
        byte[] key = fit.key(element);
        byte[] value = fit.value(element);
        if (!fit.fits(key, value)) {
            if (dropped != null) {
                dropped.inc();
            }
            LOG.error(
                    "Dropping a dead letter of {} bytes, over max.request.size {}: {}",
                    value.length,
                    fit.maxRequestSize(),
                    element);
            return null;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, element.reason().code().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
    }
}
