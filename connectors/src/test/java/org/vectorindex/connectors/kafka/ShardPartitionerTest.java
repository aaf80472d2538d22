package org.vectorindex.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.shard.ShardKey;

/** The partition rule against real cluster metadata, with pinned values for known ids. */
class ShardPartitionerTest {
    private static final Node NODE = new Node(0, "127.0.0.1", 9092);

    private static Cluster cluster(String topic, int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(topic, p, NODE, new Node[] {NODE}, new Node[] {NODE}));
        }
        return new Cluster("c", List.of(NODE), infos, Set.of(), Set.of());
    }

    private static int partition(ShardPartitioner p, String id, Cluster cluster) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        return p.partition("m", id, key, null, new byte[] {1}, cluster);
    }

    private static ShardPartitioner configured(Map<String, ?> config) {
        ShardPartitioner p = new ShardPartitioner();
        p.configure(config);
        return p;
    }

    @Test
    void pinsPartitionsOfKnownIds() {
        // unsigned murmur3_32(utf8(id), seed 0), computed independently of this code
        ShardPartitioner four = configured(Map.of());
        assertEquals(4, four.shards());
        Cluster two = cluster("m", 2);
        assertEquals(1, partition(four, "0", two)); // 3530670207: shard 3
        assertEquals(1, partition(four, "1", two)); // 2484513939: shard 3
        assertEquals(0, partition(four, "3", two)); // 264741300: shard 0
        assertEquals(0, partition(four, "42", two)); // 3159925814: shard 2
        assertEquals(0, partition(four, "doc-1", two)); // 4274171406: shard 2
        assertEquals(1, partition(four, "doc-2", two)); // 753770839: shard 3
        assertEquals(0, partition(four, "vecteur-é", two)); // 3571752768: shard 0

        ShardPartitioner eight = configured(Map.of(ShardPartitioner.SHARDS, "8"));
        Cluster three = cluster("m", 3);
        assertEquals(1, partition(eight, "0", three)); // shard 7
        assertEquals(0, partition(eight, "1", three)); // shard 3
        assertEquals(1, partition(eight, "3", three)); // shard 4
        assertEquals(0, partition(eight, "42", three)); // shard 6
    }

    @Test
    void everyIdOfOneShardGoesToOnePartition() {
        ShardPartitioner p = configured(Map.of(ShardPartitioner.SHARDS, 6));
        Cluster cluster = cluster("m", 4);
        for (int i = 0; i < 2000; i++) {
            String id = "doc-" + i;
            int shard = ShardKey.shardOf(id, 6);
            assertEquals(shard % 4, partition(p, id, cluster), id);
        }
    }

    @Test
    void moreShardsThanPartitionsAndTheReverseUseEveryPartitionTheyCan() {
        Cluster eight = cluster("m", 8);
        ShardPartitioner two = configured(Map.of(ShardPartitioner.SHARDS, "2"));
        Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            used.add(partition(two, Integer.toString(i), eight));
        }
        assertEquals(Set.of(0, 1), used, "2 shards on 8 partitions use partitions 0 and 1 only");
    }

    @Test
    void aRecordWithoutKeyFailsNamingTheTopic() {
        ShardPartitioner p = configured(Map.of());
        Cluster cluster = cluster("m", 2);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> p.partition("m", null, null, null, new byte[] {1}, cluster));
        assertTrue(e.getMessage().contains("topic m has no key"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> p.partition("m", "", new byte[0], null, new byte[] {1}, cluster));
    }

    @Test
    void badShardCountsAreConfigErrors() {
        assertThrows(ConfigException.class, () -> configured(Map.of(ShardPartitioner.SHARDS, "x")));
        assertThrows(ConfigException.class, () -> configured(Map.of(ShardPartitioner.SHARDS, "0")));
        assertThrows(
                ConfigException.class, () -> configured(Map.of(ShardPartitioner.SHARDS, "5000")));
    }
}
