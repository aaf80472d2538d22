package org.vectorindex.state.keyed;

import org.apache.flink.annotation.Internal;
import org.vectorindex.state.hnsw.Int8NodeRecord;
import org.vectorindex.state.hnsw.NodeRecord;

/**
 * One entry of an index's change log in keyed state: a node's new payload (float32 or INT8, as the
 * index stores its vectors), its new links, or the freeing of its ordinal. Later entries for the
 * same ordinal supersede earlier ones.
 */
@Internal
public record LogRecord(
        Kind kind, int ordinal, NodeRecord node, Int8NodeRecord int8Node, int[][] links) {

    /** What an entry sets. */
    public enum Kind {
        NODE,
        LINKS,
        FREE,
        INT8_NODE
    }

    static LogRecord node(int ordinal, NodeRecord node) {
        return new LogRecord(Kind.NODE, ordinal, node, null, null);
    }

    static LogRecord int8Node(int ordinal, Int8NodeRecord node) {
        return new LogRecord(Kind.INT8_NODE, ordinal, null, node, null);
    }

    static LogRecord links(int ordinal, int[][] links) {
        return new LogRecord(Kind.LINKS, ordinal, null, null, links);
    }

    static LogRecord free(int ordinal) {
        return new LogRecord(Kind.FREE, ordinal, null, null, null);
    }
}
