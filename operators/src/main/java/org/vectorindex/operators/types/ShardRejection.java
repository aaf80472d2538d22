package org.vectorindex.operators.types;

import org.apache.flink.annotation.Internal;

/**
 * A record the index operator refused (for example a vector of the wrong dimension that slipped
 * past parsing): the job turns it into a dead letter. The operator never fails on bad input.
 *
 * @param collection the collection it was sent to
 * @param what "upsert", "delete", "knn", "subscribe" or "unsubscribe"
 * @param id the mutation's id or the request's id
 * @param reason why, as the IllegalArgumentException said
 * @param sourcePartition partition of the record's input topic, -1 when unknown
 * @param sourceOffset offset in that partition, -1 when unknown
 */
@Internal
public record ShardRejection(
        String collection,
        String what,
        String id,
        String reason,
        int sourcePartition,
        long sourceOffset) {

    /** A rejection of a record of unknown source. */
    public ShardRejection(String collection, String what, String id, String reason) {
        this(collection, what, id, reason, -1, -1L);
    }

    /** A rejected mutation or request, with its source coordinates. */
    public static ShardRejection of(ShardInput r, String collection, String reason) {
        return new ShardRejection(
                collection, r.what(), r.recordId(), reason, r.sourcePartition(), r.sourceOffset());
    }
}
