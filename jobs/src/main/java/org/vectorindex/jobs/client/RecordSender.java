package org.vectorindex.jobs.client;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vectorindex.connectors.format.InputRecords;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;

/**
 * Sends mutations and queries in the job's input formats (connectors/FORMATS.md), JSON or the
 * binary envelope, with the Kafka key set to the record's id as the job expects. Sends are
 * asynchronous; {@link #flush} waits for every acknowledgement and rethrows the first send error,
 * so a caller that flushed knows its records are in Kafka.
 */
public final class RecordSender implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final boolean binary;
    private final AtomicReference<Exception> error = new AtomicReference<>();
    private final SentOffsets sent = new SentOffsets();
    private long upserts;
    private long deletes;
    private long queries;

    public RecordSender(String bootstrap, Properties clientProperties, boolean binary) {
        this.producer = KafkaClients.producer(bootstrap, clientProperties);
        this.binary = binary;
    }

    public void upsert(
            String topic,
            String collection,
            String id,
            float[] vector,
            Map<String, String> attributes) {
        send(topic, Mutation.upsert(collection, id, vector, attributes));
    }

    public void delete(String topic, String collection, String id) {
        send(topic, Mutation.delete(collection, id));
    }

    public void send(String topic, Mutation m) {
        byte[] value = binary ? InputRecords.binary(m) : InputRecords.json(m);
        raw(topic, InputRecords.key(m), value);
        if (m.vector() != null || m.vectors() != null) {
            upserts++;
        } else {
            deletes++;
        }
    }

    public void send(String topic, Query q) {
        byte[] value = binary ? InputRecords.binary(q) : InputRecords.json(q);
        raw(topic, InputRecords.key(q), value);
        queries++;
    }

    /** Any bytes, e.g. a deliberately bad record; not counted. */
    public void raw(String topic, byte[] key, byte[] value) {
        failIfSendFailed();
        producer.send(
                new ProducerRecord<>(topic, key, value),
                (meta, e) -> {
                    if (e != null) {
                        error.compareAndSet(null, e);
                    } else {
                        sent.add(meta.topic(), meta.partition(), meta.offset());
                    }
                });
    }

    /** Waits until every record sent so far is acknowledged. */
    public void flush() {
        producer.flush();
        failIfSendFailed();
    }

    private void failIfSendFailed() {
        Exception e = error.get();
        if (e != null) {
            throw new IllegalStateException("sending to Kafka failed: " + e, e);
        }
    }

    /** Where the acknowledged records went, to match dead letters to them. */
    public SentOffsets sent() {
        return sent;
    }

    public long upserts() {
        return upserts;
    }

    public long deletes() {
        return deletes;
    }

    public long queries() {
        return queries;
    }

    @Override
    public void close() {
        producer.close();
    }
}
