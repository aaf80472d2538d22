package org.vectorindex.operators.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.model.CollectionSpec;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.TestVectors;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.ShardMutation;
import org.vectorindex.operators.types.ShardQuery;
import org.vectorindex.state.hnsw.HnswConfig;
import org.vectorindex.state.math.Metric;

/**
 * The index operator writes changed shards to keyed state only when it snapshots. A snapshot taken
 * in the middle of a burst of upserts, deletes and re-upserts (many link lists changed many times
 * since the last one), restored into a fresh operator that then takes the rest of the burst, must
 * end with the same sizes and graph digests as one operator that took the whole burst without
 * interruption; and right after the restore it must hold what the snapshotted operator held.
 */
class ShardIndexOperatorTest {
    private static final int SHARDS = 3;
    private static final int MUTATIONS = 900;
    private static final HnswConfig CONFIG =
            HnswConfig.builder().dimension(8).metric(Metric.L2).m(6).efConstruction(24).build();

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, ShardMutation, ShardQuery, PartialResult>
            harness(Backend backend, OperatorSubtaskState restoreFrom) throws Exception {
        return Harnesses.index(
                ShardIndexFunction.withHnsw(List.of(CollectionSpec.of("c", SHARDS, CONFIG))),
                backend,
                restoreFrom);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void snapshotsInTheMiddleOfABurstRestoreToTheUninterruptedGraph(Backend backend)
            throws Exception {
        List<ShardMutation> burst = burst();
        var whole = harness(backend, null);
        feed(whole, burst, 0, MUTATIONS);
        long[] expected = stats(whole, "end");
        whole.close();

        int[] cuts = {1, 317, 318, 640};
        var h = harness(backend, null);
        int at = 0;
        for (int i = 0; i < cuts.length; i++) {
            feed(h, burst, at, cuts[i]);
            at = cuts[i];
            long[] before = stats(h, "before-" + i);
            OperatorSubtaskState snapshot = h.snapshot(i + 1, i + 1);
            h.close();
            h = harness(backend, snapshot);
            assertArrayEquals(
                    before,
                    stats(h, "after-" + i),
                    "the restored shards are the snapshotted shards, cut " + cuts[i]);
        }
        feed(h, burst, at, MUTATIONS);
        assertArrayEquals(expected, stats(h, "end"), "sizes and digests after the burst");
        h.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSecondSnapshotWithoutChangesRestoresTheSameShards(Backend backend) throws Exception {
        List<ShardMutation> burst = burst();
        var h = harness(backend, null);
        feed(h, burst, 0, 400);
        long[] before = stats(h, "a");
        h.snapshot(1, 1);
        OperatorSubtaskState second = h.snapshot(2, 2);
        h.close();
        var r = harness(backend, second);
        assertArrayEquals(before, stats(r, "b"));
        r.close();
    }

    /** Upserts with deletes and re-upserts of earlier ids mixed in, seeded. */
    private static List<ShardMutation> burst() {
        TestVectors data = new TestVectors(11, 8, 4);
        List<ShardMutation> out = new java.util.ArrayList<>();
        for (int i = 0; out.size() < MUTATIONS; i++) {
            out.add(ShardMutation.upsert("c", SHARDS, "d" + i, data.next(), null));
            if (i % 5 == 4) {
                out.add(ShardMutation.delete("c", SHARDS, "d" + (i / 2)));
            }
            if (i % 7 == 6) {
                out.add(ShardMutation.upsert("c", SHARDS, "d" + (i / 3), data.next(), null));
            }
        }
        return out.subList(0, MUTATIONS);
    }

    private static void feed(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            List<ShardMutation> burst,
            int from,
            int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            h.processElement1(new StreamRecord<>(burst.get(i)));
        }
    }

    /** Size and digest of every shard, in shard order. */
    private static long[] stats(
            KeyedTwoInputStreamOperatorTestHarness<String, ShardMutation, ShardQuery, PartialResult>
                    h,
            String queryId)
            throws Exception {
        Harnesses.drain(h);
        ShardQuery q = ShardQuery.stats(queryId, "c", 1L);
        for (int s = 0; s < SHARDS; s++) {
            h.processElement2(new StreamRecord<>(q.toShard("c", s, SHARDS)));
        }
        List<PartialResult> partials = Harnesses.drain(h);
        assertEquals(SHARDS, partials.size());
        long[] out = new long[2 * SHARDS];
        for (PartialResult p : partials) {
            out[2 * p.shard()] = p.stats().size();
            out[2 * p.shard() + 1] = p.stats().digest();
        }
        return out;
    }
}
