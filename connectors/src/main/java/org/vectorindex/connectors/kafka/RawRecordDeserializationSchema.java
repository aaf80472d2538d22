package org.vectorindex.connectors.kafka;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.vectorindex.operators.model.ModelTypes;
import org.vectorindex.operators.model.RawRecord;

/**
 * Keeps each Kafka record as raw bytes with its topic, partition and offset. Deserializing here
 * would make a bad record fail the source; parsing downstream turns it into a dead letter instead.
 */
@Internal
public final class RawRecordDeserializationSchema
        implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        out.collect(
                new RawRecord(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value()));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return ModelTypes.RAW_RECORD;
    }
}
