package org.vectorindex.operators.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

class ShardPlacementTest {
    private static final HnswConfig CONFIG =
            HnswConfig.builder().dimension(2).metric(Metric.DOT).build();

    private static List<CollectionSpec> collections(int maxShards) {
        List<CollectionSpec> out = new ArrayList<>();
        for (int shards = 1; shards <= maxShards; shards++) {
            out.add(CollectionSpec.of("c" + shards, shards, CONFIG));
        }
        return out;
    }

    @Test
    void everyCollectionSpreadsWithinOneShardPerSubtaskForOneToEightSubtasks() {
        for (int maxParallelism : new int[] {128, 256, 1000}) {
            ShardPlacement placement = new ShardPlacement(collections(64), maxParallelism);
            for (int shards = 1; shards <= 64; shards++) {
                for (int subtasks = 1; subtasks <= 8; subtasks++) {
                    int[] count = new int[subtasks];
                    for (int shard = 0; shard < shards; shard++) {
                        String key = placement.keyOf(ShardKey.of("c" + shards, shard));
                        count[
                                KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                        key, maxParallelism, subtasks)]++;
                    }
                    int max = Arrays.stream(count).max().getAsInt();
                    int min = Arrays.stream(count).min().getAsInt();
                    assertTrue(
                            max - min <= 1,
                            shards
                                    + " shards on "
                                    + subtasks
                                    + " subtasks, max parallelism "
                                    + maxParallelism
                                    + ": "
                                    + Arrays.toString(count));
                }
            }
        }
    }

    @Test
    void plainHashingIsWhatPlacementFixes() {
        // The keys as they were: 4 shards of "sift" all land on subtask 0 of 2.
        int[] count = new int[2];
        for (int shard = 0; shard < 4; shard++) {
            count[
                    KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            ShardKey.of("sift", shard), 128, 2)]++;
        }
        assertEquals(4, count[0], Arrays.toString(count));
    }

    @Test
    void placedKeysAreStableAndStillNameTheirShard() throws Exception {
        // By shard count: a collection name may not hold the key separator '#', a key may.
        Map<String, Integer> shards = Map.of("a#b", 7);
        ShardPlacement placement = new ShardPlacement(shards, 128);
        ShardPlacement copy =
                InstantiationUtil.clone(placement, ShardPlacementTest.class.getClassLoader());
        ShardPlacement rebuilt = new ShardPlacement(shards, 128);
        for (int shard = 0; shard < 7; shard++) {
            String key = placement.keyOf(ShardKey.of("a#b", shard));
            assertTrue(key.startsWith("a#b#" + shard + "@"), key);
            assertEquals(key, copy.keyOf(ShardKey.of("a#b", shard)));
            assertEquals(key, rebuilt.keyOf(ShardKey.of("a#b", shard)));
            assertEquals("a#b", ShardKey.collection(key));
            assertEquals(shard, ShardKey.shard(key));
            assertEquals(
                    ShardPlacement.keyGroupOf(shard, 7, 128),
                    KeyGroupRangeAssignment.assignToKeyGroup(key, 128));
        }
    }

    @Test
    void unknownCollectionsAndOutOfRangeShardsKeepTheirKey() {
        ShardPlacement placement =
                new ShardPlacement(List.of(CollectionSpec.of("a", 2, CONFIG)), 128);
        assertEquals("zz#0", placement.keyOf("zz#0"));
        assertEquals("a#5", placement.keyOf("a#5"));
    }

    @Test
    void moreShardsThanKeyGroupsShareGroups() {
        ShardPlacement placement =
                new ShardPlacement(List.of(CollectionSpec.of("big", 300, CONFIG)), 128);
        for (int shard = 0; shard < 300; shard++) {
            String key = placement.keyOf(ShardKey.of("big", shard));
            int group = KeyGroupRangeAssignment.assignToKeyGroup(key, 128);
            assertEquals(ShardPlacement.keyGroupOf(shard, 300, 128), group);
            assertTrue(group < 128);
        }
    }

    @Test
    void rejectsAnImpossibleMaxParallelism() {
        assertThrows(IllegalArgumentException.class, () -> new ShardPlacement(List.of(), 0));
    }
}
