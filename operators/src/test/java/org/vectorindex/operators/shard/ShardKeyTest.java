package org.vectorindex.operators.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShardKeyTest {

    @Test
    void encodesAndDecodesEvenWithSeparatorInCollectionName() {
        String key = ShardKey.of("a#b", 12);
        assertEquals("a#b#12", key);
        assertEquals("a#b", ShardKey.collection(key));
        assertEquals(12, ShardKey.shard(key));
        assertSame(key, ShardKey.of("a#b", 12), "keys are reused, not rebuilt");
        for (int i = 0; i < 50; i++) {
            assertEquals("a#b#" + i, ShardKey.of("a#b", i));
        }
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> ShardKey.of("", 0));
        assertThrows(IllegalArgumentException.class, () -> ShardKey.of("c", -1));
        assertThrows(IllegalArgumentException.class, () -> ShardKey.collection("nokey"));
        assertThrows(IllegalArgumentException.class, () -> ShardKey.shardOf("x", 0));
    }

    @Test
    void shardIsUnsignedMurmurOfUtf8ModuloShards() {
        for (int i = 0; i < 1000; i++) {
            String id = "doc-" + i;
            long h = Integer.toUnsignedLong(Murmur3.hash(id.getBytes(StandardCharsets.UTF_8), 0));
            assertEquals((int) (h % 7), ShardKey.shardOf(id, 7));
        }
    }

    @Test
    void sequentialIdsSpreadEvenlyOverShards() {
        int shards = 8;
        int n = 80_000;
        int[] counts = new int[shards];
        for (int i = 0; i < n; i++) {
            counts[ShardKey.shardOf("doc-" + i, shards)]++;
        }
        for (int c : counts) {
            // Expected 10,000 each; a binomial standard deviation is about 95.
            assertTrue(Math.abs(c - n / shards) < 600, "uneven shard sizes " + c);
        }
    }
}
