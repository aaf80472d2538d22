/**
 * The index operator ({@link org.vectorindex.operators.index.ShardIndexFunction}).
 *
 * <p>Keyed state per shard key, all with explicit serializers:
 *
 * <ul>
 *   <li>the index, through a {@link org.vectorindex.operators.index.ShardIndexStore} (production:
 *       {@link org.vectorindex.operators.index.KeyedShardIndexStore}, over {@code KeyedHnswState}
 *       for HNSW collections and {@code KeyedMultiVectorState} for multi-vector ones);
 *   <li>{@code attributes}: MapState id → attribute map, for filters;
 *   <li>{@code subscriptions}: MapState subscriptionId → {@link
 *       org.vectorindex.operators.index.SubscriptionSpec};
 *   <li>{@code subscription-topk}: MapState subscriptionId → {@link
 *       org.vectorindex.operators.index.LocalTopK}, the subscription's current top-k within the
 *       shard, rewritten only when it changes.
 * </ul>
 *
 * Like the index itself, attributes and subscriptions have an in-memory working form per shard
 * (rebuilt from keyed state on first use after a restore or rescale), so filtered searches and the
 * per-upsert subscription loop never read state. The price is that attributes are held twice under
 * RocksDB (once in memory, once in RocksDB).
 *
 * <p>Cost of an upsert with S open subscriptions on its shard: one distance computation per
 * subscription (for a multi-vector collection one MaxSim, query tokens × pooled vectors), plus, for
 * the few whose k-th score it beats or that it is a member of, a sorted insert or (after a member
 * is deleted or falls) a re-search of the shard.
 */
package org.vectorindex.operators.index;
