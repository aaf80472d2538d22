package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.operators.testing.Results.ids;
import static org.vectorindex.operators.testing.Results.scores;

import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.Results;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardStats;

/**
 * Stats requests in the merge operator: one answer with every shard's stats in shard order once all
 * shards have answered (across a snapshot and a restore), duplicates ignored, state cleared.
 */
class StatsMergeTest {
    private static final int SHARDS = 3;

    static PartialResult stats(String id, int shard, long size, long digest) {
        return Results.stats(Results.statsOnShard(id, "c", shard, SHARDS, 5L), size, digest);
    }

    private static StreamRecord<PartialResult> oneShot(int shard, String[] ids, float[] scores) {
        return new StreamRecord<>(
                Results.oneShot(Results.knnOnShard("st", "c", shard, SHARDS, 1, 5L), ids, scores));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void mergesEveryShardOnceAcrossARestoreAndClearsState(Backend backend) throws Exception {
        var h = Harnesses.merge(new ResultMergeFunction(), backend, null);
        h.processElement(new StreamRecord<>(stats("st", 2, 30, -7L)));
        h.processElement(new StreamRecord<>(stats("st", 0, 10, 0x0123456789abcdefL)));
        // a one-shot query with the same id keeps its own state
        h.processElement(oneShot(0, ids("a"), scores(1f)));
        assertTrue(Harnesses.drain(h).isEmpty(), "one shard is missing");
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var r = Harnesses.merge(new ResultMergeFunction(), backend, snapshot);
        r.processElement(new StreamRecord<>(stats("st", 0, 99, 99L))); // a replayed duplicate
        assertTrue(Harnesses.drain(r).isEmpty(), "a duplicate does not complete the request");
        r.processElement(new StreamRecord<>(stats("st", 1, 20, 1L)));
        List<MergedResult> out = Harnesses.drain(r);
        assertEquals(1, out.size());
        MergedResult m = out.get(0);
        assertEquals(MergedResult.Kind.STATS, m.kind());
        assertEquals("st", m.requestId());
        assertEquals("c", m.collection());
        assertEquals(0, m.ids().length);
        assertNull(m.causeId());
        assertArrayEquals(
                new ShardStats[] {
                    new ShardStats(10, 0x0123456789abcdefL),
                    new ShardStats(20, 1L),
                    new ShardStats(30, -7L)
                },
                m.shards());

        // the one-shot query under the same id is still waiting for its other shards
        for (int s = 1; s < SHARDS; s++) {
            r.processElement(oneShot(s, ids(), scores()));
        }
        List<MergedResult> oneShot = Harnesses.drain(r);
        assertEquals(1, oneShot.size());
        assertEquals(MergedResult.Kind.RESULT, oneShot.get(0).kind());
        assertArrayEquals(new String[] {"a"}, oneShot.get(0).ids());
        if (backend == Backend.HASHMAP) { // RocksDB cannot count entries
            assertEquals(0, r.numKeyedStateEntries(), "answered requests leave no state");
        }
        // the same id again is a new request
        for (int s = 0; s < SHARDS; s++) {
            r.processElement(new StreamRecord<>(stats("st", s, s, s)));
        }
        assertEquals(1, Harnesses.drain(r).size());
        r.close();
    }

    @Test
    void stateRoundTripsThroughItsSerializer() throws Exception {
        StatsState st = MergeLogic.startStats(stats("x", 0, 4, 4));
        MergeLogic.addStats(st, stats("x", 2, 5, -3L));
        DataOutputSerializer out = new DataOutputSerializer(64);
        StatsStateSerializer.INSTANCE.serialize(st, out);
        StatsState back =
                StatsStateSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals("c", back.collection);
        assertEquals(SHARDS, back.shardCount);
        assertArrayEquals(new long[] {0, 0, 5}, back.sizes);
        assertArrayEquals(new long[] {0, 0, -3L}, back.digests);
        assertEquals(false, MergeLogic.addStats(back, stats("x", 0, 1, 1)));
        assertEquals(true, MergeLogic.addStats(back, stats("x", 1, 1, 1)));
    }

    @Test
    void aPartialFromAnotherLayoutIsIgnored() {
        StatsState st = MergeLogic.startStats(stats("x", 0, 1, 1));
        PartialResult other = Results.stats(Results.statsOnShard("x", "c", 0, SHARDS + 1, 0), 1, 1);
        assertEquals(false, MergeLogic.addStats(st, other));
        assertEquals(false, MergeLogic.addStats(st, stats("x", 0, 1, 1)));
        assertEquals(false, MergeLogic.addStats(st, stats("x", 0, 1, 1)), "duplicate");
        assertEquals(false, MergeLogic.addStats(st, stats("x", 1, 1, 1)));
        assertEquals(true, MergeLogic.addStats(st, stats("x", 2, 1, 1)));
    }
}
