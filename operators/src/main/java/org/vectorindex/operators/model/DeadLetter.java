package org.vectorindex.operators.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
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
@PublicEvolving
public final class DeadLetter extends ModelValue {
    private final RejectReason reason;
    private final String detail;
    private final RawRecord source;

    public DeadLetter(
            RejectReason reason,
            String detail,
            String sourceTopic,
            int partition,
            long offset,
            byte[] key,
            byte[] value) {
        this(
                reason,
                detail,
                new RawRecord(
                        sourceTopic == null ? "" : sourceTopic, partition, offset, key, value));
    }

    private DeadLetter(RejectReason reason, String detail, RawRecord source) {
        this.reason = Objects.requireNonNull(reason, "reason is missing");
        this.detail = Objects.requireNonNull(detail, "detail is missing");
        this.source = source;
    }

    /** A dead letter for a raw record the parser rejected. */
    public static DeadLetter of(RawRecord record, RejectReason reason, String detail) {
        return new DeadLetter(reason, detail, Objects.requireNonNull(record, "record is missing"));
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
        return source.topic();
    }

    /** Source partition, or -1 when unknown. */
    public int partition() {
        return source.partition();
    }

    /** Source offset, or -1 when unknown. */
    public long offset() {
        return source.offset();
    }

    /** Original Kafka key, or {@code null}. */
    public byte[] key() {
        return source.key();
    }

    /** Original Kafka value, or {@code null}. */
    public byte[] value() {
        return source.value();
    }

    @Override
    Object[] components() {
        return new Object[] {reason, detail, source};
    }

    @Override
    public String toString() {
        return "DeadLetter{"
                + reason.code()
                + ": "
                + detail
                + " from "
                + source.topic()
                + "-"
                + source.partition()
                + "@"
                + source.offset()
                + "}";
    }
}
