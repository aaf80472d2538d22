package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.Results;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardQuery;

/**
 * Two one-shot requests under one queryId, in flight together: each is answered once, with its own
 * shards' hits, whatever their collections and shard counts, and neither leaves state behind.
 */
class ReusedQueryIdTest {
    private static StreamRecord<PartialResult> knn(
            String collection, int shard, int shards, long offset, String id, float score) {
        ShardQuery q = Results.knnOnShard("q", collection, shard, shards, 2, 1_000L).at(0, offset);
        return new StreamRecord<>(Results.oneShot(q, new String[] {id}, new float[] {score}));
    }

    private static StreamRecord<PartialResult> stats(
            String collection, int shard, int shards, long offset, long size) {
        ShardQuery q = Results.statsOnShard("q", collection, shard, shards, 1_000L).at(0, offset);
        return new StreamRecord<>(Results.stats(q, size, size));
    }

    /** RocksDB cannot count entries; there the answers alone show that nothing was mixed in. */
    private static void assertStateEntries(
            KeyedOneInputStreamOperatorTestHarness<String, PartialResult, MergedResult> h,
            Backend backend,
            int expected,
            String why) {
        if (backend == Backend.HASHMAP) {
            assertEquals(expected, h.numKeyedStateEntries(), why);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bothRequestsAreAnsweredApartAndLeaveNoState(Backend backend) throws Exception {
        var h = Harnesses.merge(new ResultMergeFunction(), backend, null);
        h.setProcessingTime(2_000L);
        // offset 10: collection a, 2 shards; offset 11: collection b, 4 shards; interleaved so
        // that each arrives while the other is in flight
        h.processElement(knn("a", 0, 2, 10, "a0", 0.9f));
        h.processElement(knn("b", 3, 4, 11, "b3", 0.8f));
        h.processElement(knn("b", 0, 4, 11, "b0", 0.7f));
        h.processElement(knn("a", 0, 2, 10, "dup", 1.0f)); // a replayed duplicate: ignored
        h.processElement(knn("b", 1, 4, 11, "b1", 0.6f));
        assertEquals(List.of(), Harnesses.drain(h), "neither request is complete yet");
        h.processElement(knn("a", 1, 2, 10, "a1", 0.5f));
        h.processElement(knn("b", 2, 4, 11, "b2", 0.95f));
        // a third request under the same id, on a, one shard answered so far
        h.processElement(knn("a", 1, 2, 12, "later", 0.1f));

        List<MergedResult> out = Harnesses.drain(h);
        assertEquals(2, out.size(), "each of the two finished requests is answered once: " + out);
        Map<String, MergedResult> byCollection =
                out.stream().collect(Collectors.toMap(MergedResult::collection, r -> r));
        assertEquals("q", byCollection.get("a").requestId());
        assertArrayEquals(new String[] {"a0", "a1"}, byCollection.get("a").ids());
        assertArrayEquals(new String[] {"b2", "b3"}, byCollection.get("b").ids());
        assertStateEntries(h, backend, 1, "only the third request is still in flight");

        h.processElement(knn("a", 0, 2, 12, "now", 0.2f));
        List<MergedResult> third = Harnesses.drain(h);
        assertEquals(1, third.size());
        assertArrayEquals(new String[] {"now", "later"}, third.get(0).ids());
        assertStateEntries(h, backend, 0, "answered requests leave no state");
        h.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void statsRequestsUnderOneIdAreAnsweredApart(Backend backend) throws Exception {
        var h = Harnesses.merge(new ResultMergeFunction(), backend, null);
        h.processElement(stats("a", 0, 2, 20, 5));
        h.processElement(stats("b", 0, 3, 21, 7));
        h.processElement(stats("b", 2, 3, 21, 8));
        h.processElement(stats("a", 1, 2, 20, 6));
        h.processElement(stats("b", 1, 3, 21, 9));
        List<MergedResult> out = Harnesses.drain(h);
        assertEquals(2, out.size(), out::toString);
        Map<String, MergedResult> byCollection =
                out.stream().collect(Collectors.toMap(MergedResult::collection, r -> r));
        assertEquals(2, byCollection.get("a").shards().length);
        assertEquals(6, byCollection.get("a").shards()[1].size());
        assertEquals(3, byCollection.get("b").shards().length);
        assertEquals(9, byCollection.get("b").shards()[1].size());
        assertStateEntries(h, backend, 0, "answered requests leave no state");
        h.close();
    }
}
