package org.vectorindex.operators.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A record that could not be processed, with its original bytes, the reason and where it came from,
 * bound for the dead-letter topic.
 *
 * <p>Records rejected by the parser carry their exact source coordinates. An operator that rejects
 * an already parsed record (an {@link IllegalArgumentException} from the index, say) has no
 * original bytes; it uses {@link #fromOperator} with {@link RejectReason#INVALID} and the
 * coordinates that travelled with the record.
 */
@TypeInfo(ModelTypeInfoFactories.DeadLetterInfo.class)
public final class DeadLetter {
    private final RejectReason reason;
    private final String detail;
    private final String sourceTopic;
    private final int partition;
    private final long offset;
    private final byte[] key;
    private final byte[] value;

    public DeadLetter(
            RejectReason reason,
            String detail,
            String sourceTopic,
            int partition,
            long offset,
            byte[] key,
            byte[] value) {
        this.reason = Objects.requireNonNull(reason, "reason is missing");
        this.detail = Objects.requireNonNull(detail, "detail is missing");
        this.sourceTopic = sourceTopic == null ? "" : sourceTopic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
    }

    /** A dead letter for a raw record the parser rejected. */
    public static DeadLetter of(RawRecord record, RejectReason reason, String detail) {
        return new DeadLetter(
                reason,
                detail,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value());
    }

    /**
     * A dead letter raised by an operator for an already parsed record, keyed by its id.
     *
     * @param sourceTopic the topic the record came from, or {@code null} if unknown
     * @param partition its partition there, -1 if unknown
     * @param offset its offset, -1 if unknown
     */
    public static DeadLetter fromOperator(
            String sourceTopic, int partition, long offset, String recordId, String detail) {
        return new DeadLetter(
                RejectReason.INVALID,
                detail,
                sourceTopic,
                partition,
                offset,
                recordId == null ? null : recordId.getBytes(StandardCharsets.UTF_8),
                null);
    }

    public RejectReason reason() {
        return reason;
    }

    /** Human-readable explanation, naming the field and the offending value. */
    public String detail() {
        return detail;
    }

    /** Source topic; empty when unknown. */
    public String sourceTopic() {
        return sourceTopic;
    }

    /** Source partition, or -1 when unknown. */
    public int partition() {
        return partition;
    }

    /** Source offset, or -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** Original Kafka key, or {@code null}. */
    public byte[] key() {
        return key;
    }

    /** Original Kafka value, or {@code null}. */
    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return reason == d.reason
                && partition == d.partition
                && offset == d.offset
                && detail.equals(d.detail)
                && sourceTopic.equals(d.sourceTopic)
                && Arrays.equals(key, d.key)
                && Arrays.equals(value, d.value);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(reason, detail, sourceTopic, partition, offset);
        h = 31 * h + Arrays.hashCode(key);
        return 31 * h + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "DeadLetter{"
                + reason.code()
                + ": "
                + detail
                + " from "
                + sourceTopic
                + "-"
                + partition
                + "@"
                + offset
                + "}";
    }
}
