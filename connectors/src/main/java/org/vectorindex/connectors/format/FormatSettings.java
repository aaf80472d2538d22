package org.vectorindex.connectors.format;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * Limits of the input formats.
 *
 * @param maxRecordBytes records with a larger Kafka value are dead-lettered unparsed (the default,
 *     1 MiB, matches Kafka's default maximum message size)
 * @param requireKeyMatchesId whether a mutation whose Kafka key is set but differs from its id is
 *     rejected; the key drives Kafka partitioning, so a mismatch would reorder one id's mutations
 * @param fields bounds on ids, attributes, filters and token counts
 */
@Internal
public record FormatSettings(int maxRecordBytes, boolean requireKeyMatchesId, FieldLimits fields)
        implements Serializable {

    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    public FormatSettings {
        if (maxRecordBytes < 64) {
            throw new IllegalArgumentException(
                    "maxRecordBytes must be at least 64, got " + maxRecordBytes);
        }
        Objects.requireNonNull(fields, "field limits are missing");
    }

    public static FormatSettings defaults() {
        return new FormatSettings(DEFAULT_MAX_RECORD_BYTES, true, FieldLimits.defaults());
    }

    public FormatSettings withMaxRecordBytes(int bytes) {
        return new FormatSettings(bytes, requireKeyMatchesId, fields);
    }

    public FormatSettings withFields(FieldLimits limits) {
        return new FormatSettings(maxRecordBytes, requireKeyMatchesId, limits);
    }
}
