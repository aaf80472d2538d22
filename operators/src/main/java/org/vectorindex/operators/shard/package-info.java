/**
 * The shard of an id (murmur3_32 of its UTF-8 bytes, modulo the collection's shard count) and the
 * String key of a shard. A leaf: the record model, the topology's types and the routing operators
 * all compute shards, so this depends on none of them.
 */
package org.vectorindex.operators.shard;
