/**
 * Routing: where a shard key lands among the subtasks ({@link
 * org.vectorindex.operators.routing.ShardPlacement}) and the fan-out of query-side requests to
 * every shard ({@link org.vectorindex.operators.routing.ShardFanOut}), after the check that one
 * subscriptionId is open on one collection at a time ({@link
 * org.vectorindex.operators.routing.SubscriptionIds}).
 */
package org.vectorindex.operators.routing;
