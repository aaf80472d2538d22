package org.vectorindex.state.keyed;

import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * Consecutive entries of an index's change log, stored as one keyed-state value under the sequence
 * number of its first entry. One value per batch, not per entry, because each state access costs
 * far more than the bytes it writes, and a rewrite then deletes a few values, not one per entry.
 */
@Internal
public record LogChunk(List<LogRecord> records) {
    public LogChunk {
        records = List.copyOf(records);
    }
}
