package org.vectorindex.operators.shard;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;

/**
 * The Flink key of one shard of one collection, encoded as the String {@code "collection#shard"}.
 *
 * <p>Why a String and not a key class: Flink hashes keys with {@code hashCode()}, which for a
 * String is specified by the JLS and therefore stable across JVMs and releases, while a record's
 * hashCode is not specified; Flink also has a fast built-in serializer for String keys and RocksDB
 * compares their bytes directly. The shard is the number after the last '#', so collection names
 * may contain '#' themselves. The key is computed once when a record is routed and carried in the
 * record. At the keyBy, {@link org.vectorindex.operators.routing.ShardPlacement} appends {@code
 * "@salt"} to choose the shard's key group; {@link #collection} and {@link #shard} read both forms.
 */
@Internal
public final class ShardKey {
    /** Separator between collection and shard number. */
    public static final char SEPARATOR = '#';

    /** Separator before the placement salt, in keys that carry one. */
    public static final char SALT_SEPARATOR = '@';

    /** Keys are interned per collection, so routing a record does not build a String. */
    private static final ConcurrentHashMap<String, String[]> CACHE = new ConcurrentHashMap<>();

    private static final int MAX_CACHED_COLLECTIONS = 1024;

    private ShardKey() {}

    /**
     * Shard of an id: murmur3_32 of its UTF-8 bytes (seed 0), taken as unsigned, modulo {@code
     * shards}. Clients may compute the same function to co-partition their data.
     */
    public static int shardOf(String id, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        return (int) (Integer.toUnsignedLong(Murmur3.hashUtf8(id)) % shards);
    }

    /** Key of shard {@code shard} of {@code collection}. */
    public static String of(String collection, int shard) {
        if (collection == null || collection.isEmpty()) {
            throw new IllegalArgumentException("collection is missing");
        }
        if (shard < 0) {
            throw new IllegalArgumentException("shard must be non-negative, got " + shard);
        }
        String[] keys = CACHE.get(collection);
        if (keys != null && shard < keys.length) {
            return keys[shard];
        }
        if (CACHE.size() >= MAX_CACHED_COLLECTIONS) {
            return collection + SEPARATOR + shard;
        }
        int size = Math.max(shard + 1, keys == null ? 8 : keys.length * 2);
        String[] grown = new String[size];
        for (int i = 0; i < size; i++) {
            grown[i] = collection + SEPARATOR + i;
        }
        CACHE.put(collection, grown);
        return grown[shard];
    }

    /** Collection part of a key. */
    public static String collection(String key) {
        return key.substring(0, separatorIndex(key));
    }

    /** Shard part of a key. */
    public static int shard(String key) {
        int result = 0;
        for (int i = separatorIndex(key) + 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == SALT_SEPARATOR) {
                break;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private static int separatorIndex(String key) {
        int i = key.lastIndexOf(SEPARATOR);
        if (i <= 0 || i == key.length() - 1) {
            throw new IllegalArgumentException("not a shard key: '" + key + "'");
        }
        return i;
    }
}
