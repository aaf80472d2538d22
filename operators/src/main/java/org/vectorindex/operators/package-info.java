/**
 * The index as Flink operators. {@link org.vectorindex.operators.VectorIndex} is the public entry:
 * it maps users' records onto this topology.
 *
 * <pre>
 * mutations ──map──▶ ShardMutation ─keyBy(shardKey)──────────────────────────────────┐
 *                                                                                     ▼
 * queries ──map──▶ ShardQuery ─keyBy(requestId)─▶ SubscriptionIds ──▶ ShardFanOut ─keyBy(shardKey)─▶ ShardIndexFunction
 *                                                                                     │ PartialResult
 *                                               keyBy(mergeKey)  ◀───────────────────┘
 *                                                      ▼
 *                                            ResultMergeFunction ──▶ MergedResult ──map──▶ results
 * </pre>
 *
 * {@link org.vectorindex.operators.ShardedIndexTopology} wires it onto two streams; {@link
 * org.vectorindex.operators.ModelAdapter} holds the maps from and to the parsed record model.
 *
 * <ul>
 *   <li>{@link org.vectorindex.operators.shard}: the shard of an id (murmur3_32 of its UTF-8 bytes,
 *       modulo the collection's shard count) and the String shard key.
 *   <li>{@link org.vectorindex.operators.routing}: a shard key's placement in a chosen key group so
 *       that shards spread evenly over subtasks, the fan-out.
 *   <li>{@link org.vectorindex.operators.types}: the records between operators and their explicit,
 *       versioned serializers ({@link org.vectorindex.operators.types.OperatorTypes}); nothing here
 *       goes through Kryo.
 *   <li>{@link org.vectorindex.operators.index}: the keyed index operator and the incremental
 *       maintenance of continuous queries.
 *   <li>{@link org.vectorindex.operators.merge}: the merger of per-shard partial results.
 * </ul>
 *
 * <p><b>Visibility.</b> A query or subscription sees every mutation that reached its shard before
 * it, in per-shard arrival order. Per shard, the index operator handles one record at a time and
 * finishes a mutation (index, attributes, all subscriptions) before the next record. There is no
 * cross-shard snapshot: the shards of one query may answer at different points of the mutation
 * stream. A subscription's updates follow each shard's arrival order; an update reports the
 * mutation that caused it.
 *
 * <p><b>Ordering assumptions.</b> An unsubscription must reach the shards after its subscription
 * (same Kafka partition, e.g. keyed by subscription id); one that overtakes it is ignored.
 */
package org.vectorindex.operators;
