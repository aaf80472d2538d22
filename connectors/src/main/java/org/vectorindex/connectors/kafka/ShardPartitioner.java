package org.vectorindex.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.config.ConfigException;
import org.vectorindex.operators.shard.ShardKey;

/**
 * A Kafka producer partitioner that sends every id of one shard to one partition: {@code partition
 * = ShardKey.shardOf(id, shards) mod partitions}, the id being the record key (UTF-8). Then each
 * shard reads its mutations from a single partition, in the order they were produced, so a run's
 * shard digests do not depend on how partitions interleave.
 *
 * <p>Set it as {@code partitioner.class} of any Java producer, with {@value #SHARDS} (default
 * {@value #DEFAULT_SHARDS}) equal to the {@code shards} of the collections this producer writes.
 * The partitioner sees only the key, not the collection, so a producer that writes collections with
 * different shard counts needs one producer per shard count. A record without a key fails the send:
 * without the id the partitioner cannot know the shard.
 */
@Internal
public final class ShardPartitioner implements Partitioner {
    /** Producer property: the collections' shard count. */
    public static final String SHARDS = "vectorindex.shards";

    public static final int DEFAULT_SHARDS = 4;

    private int shards = DEFAULT_SHARDS;

    @Override
    public void configure(Map<String, ?> configs) {
        Object v = configs.get(SHARDS);
        if (v == null) {
            return;
        }
        try {
            shards = Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(SHARDS, v, "must be an integer");
        }
        if (shards < 1 || shards > 4096) {
            throw new ConfigException(SHARDS, v, "must be in 1..4096");
        }
    }

    @Override
    public int partition(
            String topic,
            Object key,
            byte[] keyBytes,
            Object value,
            byte[] valueBytes,
            Cluster cluster) {
        if (keyBytes == null || keyBytes.length == 0) {
            throw new IllegalArgumentException(
                    "ShardPartitioner: a record to topic "
                            + topic
                            + " has no key; the key must be the record's id (UTF-8)");
        }
        int partitions = cluster.partitionsForTopic(topic).size();
        return partitionOf(new String(keyBytes, StandardCharsets.UTF_8), shards, partitions);
    }

    /** The partition of {@code id} for a collection of {@code shards} shards. */
    public static int partitionOf(String id, int shards, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        return ShardKey.shardOf(id, shards) % partitions;
    }

    /** The configured shard count. */
    public int shards() {
        return shards;
    }

    @Override
    public void close() {}
}
