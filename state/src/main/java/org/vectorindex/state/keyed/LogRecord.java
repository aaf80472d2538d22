package org.vectorindex.state.keyed;

import org.vectorindex.state.hnsw.NodeRecord;

/**
 * One entry of an index's change log in keyed state: a node's new payload, its new links, or the
 * freeing of its ordinal. Later entries for the same ordinal supersede earlier ones.
 */
public record LogRecord(Kind kind, int ordinal, NodeRecord node, int[][] links) {

    /** What an entry sets. */
    public enum Kind {
        NODE,
        LINKS,
        FREE
    }

    static LogRecord node(int ordinal, NodeRecord node) {
        return new LogRecord(Kind.NODE, ordinal, node, null);
    }

    static LogRecord links(int ordinal, int[][] links) {
        return new LogRecord(Kind.LINKS, ordinal, null, links);
    }

    static LogRecord free(int ordinal) {
        return new LogRecord(Kind.FREE, ordinal, null, null);
    }
}
