package org.vectorindex.operators.model;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A Kafka record exactly as it arrived: the bytes plus where they came from. Parsing happens in a
 * Flink function rather than in the Kafka deserializer so that a bad record becomes a dead letter
 * carrying its original bytes and coordinates instead of failing the source. The arrays are not
 * copied and must not be modified.
 */
@TypeInfo(ModelTypeInfoFactories.RawRecordInfo.class)
@PublicEvolving
public final class RawRecord extends ModelValue {
    private final String topic;
    private final int partition;
    private final long offset;
    private final byte[] key;
    private final byte[] value;

    /**
     * @param key the Kafka key, or {@code null}
     * @param value the Kafka value, or {@code null} for a tombstone
     */
    public RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
        this.topic = Objects.requireNonNull(topic, "topic is missing");
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }

    @Override
    Object[] components() {
        return new Object[] {partition, offset, topic, key, value};
    }

    @Override
    public String toString() {
        return "RawRecord{"
                + topic
                + "-"
                + partition
                + "@"
                + offset
                + ", "
                + (value == null ? "null" : value.length + " bytes")
                + "}";
    }
}
