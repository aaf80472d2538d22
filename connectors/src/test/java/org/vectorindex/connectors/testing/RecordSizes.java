package org.vectorindex.connectors.testing;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/** What a produced record weighs when the producer checks it against {@code max.request.size}. */
public final class RecordSizes {
    private RecordSizes() {}

    /** Kafka's upper bound of an uncompressed batch that holds {@code r} alone. */
    public static int upperBound(ProducerRecord<byte[], byte[]> r) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                r.key(),
                r.value(),
                r.headers().toArray());
    }
}
