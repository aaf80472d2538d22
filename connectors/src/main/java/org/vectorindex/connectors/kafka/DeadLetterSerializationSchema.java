package org.vectorindex.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
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
 * reason without parsing. Copies of large originals are cut ({@link DeadLetterFit}) to the
 * producer's {@code max.request.size} or, when it is lower, the topic's {@code max.message.bytes}
 * (asked of the broker when the sink opens: a record the broker refused would abort the sink's
 * whole transaction); a dead letter that would still exceed them is logged, counted in {@code
 * deadLettersDropped} and skipped, since failing the sink would replay it for ever.
 */
@Internal
public final class DeadLetterSerializationSchema
        implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSerializationSchema.class);

    /** Header carrying {@link org.vectorindex.operators.model.RejectReason#code()}. */
    public static final String REASON_HEADER = "vi-reason";

    private final String topic;
    private final DeadLetterFit fit;
    private String bootstrapServers;
    private Properties clientProperties;
    private transient DeadLetterFit effective;
    private transient Counter dropped;

    public DeadLetterSerializationSchema(String topic) {
        this(topic, new DeadLetterFit(DeadLetterFit.DEFAULT_MAX_REQUEST_SIZE));
    }

    public DeadLetterSerializationSchema(String topic, DeadLetterFit fit) {
        this.topic = Objects.requireNonNull(topic, "dead-letter topic is missing");
        this.fit = Objects.requireNonNull(fit, "dead-letter sizing is missing");
    }

    /**
     * Also sizes dead letters to the topic's {@code max.message.bytes}, read from the broker at
     * {@code bootstrapServers} with these client properties when the sink opens.
     */
    public DeadLetterSerializationSchema withTopicLimitFrom(
            String bootstrapServers, Properties clientProperties) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrap servers");
        this.clientProperties = KafkaClientProperties.merged(clientProperties, null);
        return this;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sink) {
        dropped = context.getMetricGroup().counter("deadLettersDropped");
        effective = fit;
        if (bootstrapServers != null) {
            OptionalInt topicLimit =
                    TopicMessageLimit.of(bootstrapServers, clientProperties, topic);
            if (topicLimit.isPresent() && topicLimit.getAsInt() < fit.maxRequestSize()) {
                LOG.info(
                        "Dead letters to '{}' are sized to its max.message.bytes {}, below"
                                + " max.request.size {}",
                        topic,
                        topicLimit.getAsInt(),
                        fit.maxRequestSize());
                effective = new DeadLetterFit(topicLimit.getAsInt());
            }
        }
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter element, KafkaSinkContext context, Long timestamp) {
        DeadLetterFit fit = effective == null ? this.fit : effective;
        byte[] key = fit.key(element);
        byte[] value = fit.value(element);
        if (!fit.fits(key, value)) {
            if (dropped != null) {
                dropped.inc();
            }
            LOG.error(
                    "Dropping a dead letter of {} bytes, over the dead-letter size limit {}: {}",
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
