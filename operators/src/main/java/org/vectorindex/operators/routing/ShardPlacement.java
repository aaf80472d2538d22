package org.vectorindex.operators.routing;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.shard.ShardKey;

/**
 * Chooses the Flink key of every shard so that each collection's shards spread evenly over the
 * index operator's subtasks. Hashing a handful of keys into key groups can put them all on one
 * subtask; instead shard {@code s} of {@code S} gets a key in key group {@code ceil(s * M / S)},
 * {@code M} being the operator's max parallelism. Subtask {@code i} of {@code p} owns the {@code
 * i}-th of {@code p} contiguous key-group ranges, so for {@code p <= S} the shard counts of any two
 * subtasks differ by at most one (checked for 1 to 8 subtasks and 1 to 64 shards). The key is the
 * shard key plus {@code "@salt"}, with the smallest salt whose key lands in that group: the same
 * for every run, restore and rescale with the same max parallelism.
 */
@Internal
public final class ShardPlacement implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Max parallelism when the job sets none: what Flink derives for parallelism up to 85, so that
     * jobs which never set it keep their savepoints' value.
     */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    private final int maxParallelism;
    private final TreeMap<String, Integer> shardsByCollection = new TreeMap<>();
    private transient Map<String, String> placed;

    public ShardPlacement(List<CollectionSpec> collections, int maxParallelism) {
        this(shardsByName(collections), maxParallelism);
    }

    /** Placement of collections given by name and number of shards, all that it depends on. */
    ShardPlacement(Map<String, Integer> shardsByCollection, int maxParallelism) {
        if (maxParallelism < 1
                || maxParallelism > KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM) {
            throw new IllegalArgumentException(
                    "ShardPlacement: max parallelism must be in 1.."
                            + KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM
                            + ", got "
                            + maxParallelism);
        }
        this.maxParallelism = maxParallelism;
        this.shardsByCollection.putAll(shardsByCollection);
    }

    private static Map<String, Integer> shardsByName(List<CollectionSpec> collections) {
        Map<String, Integer> out = new HashMap<>();
        for (CollectionSpec c : collections) {
            out.put(c.name(), c.shards());
        }
        return out;
    }

    public int maxParallelism() {
        return maxParallelism;
    }

    /**
     * The placed Flink key for a routed record's {@link ShardKey}; a key of an unknown collection
     * stays as it is (the index operator rejects it).
     */
    public String keyOf(String shardKey) {
        if (placed == null) {
            placed = new HashMap<>();
        }
        String key = placed.get(shardKey);
        if (key == null) {
            key = place(shardKey);
            placed.put(shardKey, key);
        }
        return key;
    }

    /** The key group shard {@code shard} of {@code shards} is placed in. */
    public static int keyGroupOf(int shard, int shards, int maxParallelism) {
        long group = ((long) shard * maxParallelism + shards - 1) / shards;
        return (int) Math.min(group, maxParallelism - 1);
    }

    private String place(String shardKey) {
        Integer shards = shardsByCollection.get(ShardKey.collection(shardKey));
        int shard = ShardKey.shard(shardKey);
        if (shards == null || shard >= shards) {
            return shardKey;
        }
        int group = keyGroupOf(shard, shards, maxParallelism);
        // Each salt hits the group with probability 1/M; give up far beyond any plausible run.
        long limit = 1000L * maxParallelism;
        for (long salt = 0; salt < limit; salt++) {
            String key = shardKey + ShardKey.SALT_SEPARATOR + salt;
            if (KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism) == group) {
                return key;
            }
        }
        throw new IllegalStateException(
                "no key for " + shardKey + " in key group " + group + " of " + maxParallelism);
    }
}
