package org.vectorindex.operators.index;

import java.util.LinkedHashSet;
import java.util.function.Consumer;

/**
 * The shard keys whose index changed since the last snapshot. A mutation rewrites about fifteen
 * link lists, and the same lists change again and again between checkpoints; writing each changed
 * entry to keyed state once per checkpoint, rather than after every mutation, writes each of them
 * once. The in-memory index is what queries read, so nothing sees the difference, and a failure
 * rolls back to the last checkpoint either way.
 */
final class ChangedShards {
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();

    void add(String shardKey) {
        keys.add(shardKey);
    }

    /**
     * Writes the changes of every changed shard to keyed state, making each the current key first
     * (keyed state writes go to the current key), then forgets them.
     */
    void persist(ShardIndexStore store, Consumer<String> setCurrentKey) throws Exception {
        for (String key : keys) {
            setCurrentKey.accept(key);
            store.persist(key);
        }
        keys.clear();
    }
}
