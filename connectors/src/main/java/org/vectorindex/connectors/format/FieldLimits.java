package org.vectorindex.connectors.format;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.MultiVectorParams;

/**
 * Bounds on the variable-size fields of an input record, checked by the parsers. Lengths count
 * UTF-8 bytes, since that is what a record costs in state, on the wire and in a dead letter.
 *
 * @param maxIdBytes longest id, queryId or subscriptionId
 * @param maxAttributeKeyBytes longest key of {@code attributes} or {@code filter}
 * @param maxAttributeValueBytes longest value of {@code attributes} or {@code filter}
 * @param maxAttributes most entries in {@code attributes} or {@code filter}
 * @param maxTokens most token vectors in one multi-vector record (at most {@value
 *     MultiVectorParams#MAX_TOKENS}; a collection's own {@code maxTokens} may be lower)
 */
@Internal
public record FieldLimits(
        int maxIdBytes,
        int maxAttributeKeyBytes,
        int maxAttributeValueBytes,
        int maxAttributes,
        int maxTokens)
        implements Serializable {

    public static final int DEFAULT_MAX_ID_BYTES = 512;
    public static final int DEFAULT_MAX_ATTRIBUTE_KEY_BYTES = 256;
    public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_BYTES = 4096;
    public static final int DEFAULT_MAX_ATTRIBUTES = 64;
    public static final int DEFAULT_MAX_TOKENS = MultiVectorParams.MAX_TOKENS;

    /** Keeps a record's strings well below the 64 KiB that some encoders still cap at. */
    static final int CEILING_BYTES = 32_768;

    public FieldLimits {
        check("maxIdBytes", maxIdBytes, 1, CEILING_BYTES);
        check("maxAttributeKeyBytes", maxAttributeKeyBytes, 1, CEILING_BYTES);
        check("maxAttributeValueBytes", maxAttributeValueBytes, 1, CEILING_BYTES);
        check("maxAttributes", maxAttributes, 0, 10_000);
        check("maxTokens", maxTokens, 1, MultiVectorParams.MAX_TOKENS);
    }

    public static FieldLimits defaults() {
        return new FieldLimits(
                DEFAULT_MAX_ID_BYTES,
                DEFAULT_MAX_ATTRIBUTE_KEY_BYTES,
                DEFAULT_MAX_ATTRIBUTE_VALUE_BYTES,
                DEFAULT_MAX_ATTRIBUTES,
                DEFAULT_MAX_TOKENS);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
