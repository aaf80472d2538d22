package org.vectorindex.connectors.kafka;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.vectorindex.connectors.format.OutputJson;
import org.vectorindex.operators.model.DeadLetter;

/**
 * Sizes dead letters to the dead-letter producer's {@code max.request.size}, so that no input can
 * make the dead-letter sink fail: the copy of the original value is cut to {@link #maxValueBytes},
 * three quarters (base64 grows by 4/3) of what is left after a fixed {@link #RESERVE_BYTES} for the
 * other fields, the key copies and Kafka's record overhead; the key copy is cut to {@link
 * #MAX_KEY_BYTES} and the detail to {@link #MAX_DETAIL_CHARS}.
 */
@Internal
public final class DeadLetterFit implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Room for everything but the value copy: detail, topic, key copies, headers, overhead. */
    public static final int RESERVE_BYTES = 32 * 1024;

    /** Longest copy of the original key (it is written three times: raw, as text, base64). */
    public static final int MAX_KEY_BYTES = 1024;

    public static final int MAX_DETAIL_CHARS = 1000;

    /** Kafka's producer default of {@code max.request.size}, 1 MiB. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1 << 20;

    private final int maxRequestSize;

    public DeadLetterFit(int maxRequestSize) {
        if (maxRequestSize < 1) {
            throw new IllegalArgumentException(
                    "max.request.size must be positive, got " + maxRequestSize);
        }
        this.maxRequestSize = maxRequestSize;
    }

    /** Sized to {@code max.request.size} of these producer properties, or Kafka's default. */
    public static DeadLetterFit of(Properties producerProperties) {
        Object v =
                producerProperties == null
                        ? null
                        : producerProperties.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (v == null) {
            return new DeadLetterFit(DEFAULT_MAX_REQUEST_SIZE);
        }
        try {
            return new DeadLetterFit(Integer.parseInt(v.toString().trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG
                            + " must be an integer, got '"
                            + v
                            + "'");
        }
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** Longest copy of the original value a dead letter carries. */
    public int maxValueBytes() {
        return Math.max(0, (maxRequestSize - RESERVE_BYTES) / 4 * 3);
    }

    /** The dead letter's Kafka key: the original key, cut like its copies. */
    public byte[] key(DeadLetter d) {
        byte[] key = d.key();
        return key == null || key.length <= MAX_KEY_BYTES ? key : Arrays.copyOf(key, MAX_KEY_BYTES);
    }

    /** The dead letter's JSON value with cut copies. */
    public byte[] value(DeadLetter d) {
        return OutputJson.write(d, MAX_KEY_BYTES, maxValueBytes(), MAX_DETAIL_CHARS);
    }

    /**
     * Whether a record of this key and value surely passes the producer's size check: its bound for
     * one record adds a batch header and per-record framing, under 1 KiB with our headers.
     */
    public boolean fits(byte[] key, byte[] value) {
        long size = 1024L + (key == null ? 0 : key.length) + value.length;
        return size <= maxRequestSize;
    }
}
