package org.vectorindex.operators.model;

import org.apache.flink.annotation.PublicEvolving;

/** Kind of index behind a collection. */
@PublicEvolving
public enum CollectionType {
    /** One vector per record, one HNSW graph per shard. */
    HNSW("hnsw"),
    /** A set of token vectors per record, pooled and indexed through their FDE. */
    MULTIVECTOR("multivector");

    private final String wireName;

    CollectionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static CollectionType parse(String name) {
        for (CollectionType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "unknown collection type '" + name + "': expected hnsw or multivector");
    }
}
