package org.vectorindex.operators.model;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Why a record went to the dead-letter topic. {@link #code()} is the stable, machine-readable value
 * of the dead letter's {@code "reason"} field; the human-readable detail travels next to it.
 */
@PublicEvolving
public enum RejectReason {
    /** Not syntactically valid JSON, or trailing content after the record. */
    BAD_JSON("bad_json"),
    /** A Kafka tombstone or an empty value. */
    EMPTY_RECORD("empty_record"),
    /** Larger than the configured maximum record size. */
    OVERSIZED("oversized"),
    /** A field that the record's op or type requires is absent. */
    MISSING_FIELD("missing_field"),
    /** A field holds the wrong JSON type (a string where a number belongs, say). */
    WRONG_TYPE("wrong_type"),
    /** A field name that is not part of the format, or not allowed for this op or type. */
    UNEXPECTED_FIELD("unexpected_field"),
    /** The same field appears twice in one object. */
    DUPLICATE_FIELD("duplicate_field"),
    /** An id, queryId or subscriptionId that is empty. */
    EMPTY_ID("empty_id"),
    /** The Kafka key of a mutation differs from its id. */
    KEY_MISMATCH("key_mismatch"),
    /** The collection is not declared in the collections file. */
    UNKNOWN_COLLECTION("unknown_collection"),
    /** A mutation {@code op} other than upsert or delete. */
    UNKNOWN_OP("unknown_op"),
    /**
     * A query {@code type} other than knn, subscribe, unsubscribe, stats or get, or a get on a
     * multi-vector collection.
     */
    UNKNOWN_QUERY_TYPE("unknown_query_type"),
    /** A vector whose length differs from the collection's dimension. */
    WRONG_DIMENSION("wrong_dimension"),
    /** A vector component that is NaN or infinite (or overflows float32). */
    NON_FINITE("non_finite"),
    /** An all-zero vector in a cosine collection: it has no direction. */
    ZERO_VECTOR("zero_vector"),
    /** A multi-vector record with no token vectors or more than the collection allows. */
    TOO_MANY_TOKENS("too_many_tokens"),
    /** {@code k} outside 1..1000. */
    K_OUT_OF_RANGE("k_out_of_range"),
    /** {@code ef} outside the allowed range. */
    EF_OUT_OF_RANGE("ef_out_of_range"),
    /** An id, attribute or filter string longer than its configured limit. */
    FIELD_TOO_LONG("field_too_long"),
    /** More attributes or filter entries than the configured limit. */
    TOO_MANY_ATTRIBUTES("too_many_attributes"),
    /** A binary record whose envelope header is truncated or inconsistent. */
    BAD_BINARY_ENVELOPE("bad_binary_envelope"),
    /** A binary record whose vector payload has the wrong byte length. */
    BAD_BINARY_VECTOR("bad_binary_vector"),
    /** Rejected downstream of parsing, by an operator (its IllegalArgumentException message). */
    INVALID("invalid");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The reason for a code, or {@code null} when there is none. */
    public static RejectReason fromCode(String code) {
        for (RejectReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        return null;
    }
}
