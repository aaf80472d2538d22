package org.vectorindex.operators.types;

/**
 * A record the index operator refused (for example a vector of the wrong dimension that slipped
 * past parsing): the job turns it into a dead letter. The operator never fails on bad input.
 *
 * @param collection the collection it was sent to
 * @param what "upsert", "delete", "knn", "subscribe" or "unsubscribe"
 * @param id the mutation's id or the request's id
 * @param reason why, as the IllegalArgumentException said
 */
public record ShardRejection(String collection, String what, String id, String reason) {}
