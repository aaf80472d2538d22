package org.vectorindex.state.math;

import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * How a collection stores its vectors: HNSW nodes, or a multi-vector collection's pooled document
 * vectors for the MaxSim rerank.
 *
 * <p>Why INT8 exists: the storage bound (a quarter of the raw float32 tokens) can be met by storing
 * fewer tokens (pooling, which costs recall against raw-token MaxSim) or fewer bytes per token.
 * INT8 keeps every token and spends one byte per component; see {@link Int8Codec} for the
 * quantizer. The FDE is always computed from the float tokens, so candidates are unaffected.
 */
@Internal
public enum StoredEncoding {
    /** 4 bytes per component, bit-exact: the original behaviour. */
    FLOAT32,
    /**
     * 1 byte per component and nothing else per vector: per-vector max-abs scale, recovered from
     * the codes' norm since stored vectors are unit length ({@link Int8Codec}).
     */
    INT8;

    /** Bytes one stored component takes in the durable image. */
    public int bytesPerComponent() {
        return this == FLOAT32 ? Float.BYTES : 1;
    }

    /**
     * Parses {@code float32} or {@code int8} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static StoredEncoding parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "float32":
                    return FLOAT32;
                case "int8":
                    return INT8;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "stored-vector encoding must be float32 or int8, got " + name);
    }
}
