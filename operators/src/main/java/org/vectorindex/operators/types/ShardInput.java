package org.vectorindex.operators.types;

import org.apache.flink.annotation.Internal;

/** What a {@link ShardRejection} names of a record the index operator received. */
@Internal
public interface ShardInput {
    /** The record's kind in lower case: "upsert", "delete", "knn", "subscribe", … */
    String what();

    /** The mutation's id or the request's id. */
    String recordId();

    /** Partition of the record's input topic, -1 when unknown. */
    int sourcePartition();

    /** Offset in that partition, -1 when unknown. */
    long sourceOffset();
}
