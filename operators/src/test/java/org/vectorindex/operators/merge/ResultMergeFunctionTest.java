package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.operators.testing.Results.ids;
import static org.vectorindex.operators.testing.Results.scores;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.testing.Results;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;

/** The merge operator in a keyed harness, across a snapshot and a restore into a fresh instance. */
class ResultMergeFunctionTest {

    private static StreamRecord<PartialResult> oneShot(
            String id, int shard, String[] ids, float[] scores) {
        return new StreamRecord<>(
                Results.oneShot(Results.knnOnShard(id, "c", shard, 3, 2, 1_000L), ids, scores));
    }

    static StreamRecord<PartialResult> continuous(
            String id, int shard, String[] ids, float[] scores, Cause cause, String causeId) {
        return new StreamRecord<>(
                PartialResult.continuous(id, "c", shard, 3, 2, ids, scores, cause, causeId));
    }

    static StreamRecord<PartialResult> closed(String id, int shard) {
        return new StreamRecord<>(PartialResult.closed(id, "c", shard, 3, 2, 1_000L));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void mergesAcrossSnapshotAndRestoreThenClearsState(Backend backend) throws Exception {
        var h = Harnesses.merge(new ResultMergeFunction(), backend, null);
        h.setProcessingTime(1_000L);
        // one-shot q1: two of three shards before the snapshot
        h.processElement(oneShot("q1", 0, ids("a"), scores(0.5f)));
        h.processElement(oneShot("q1", 2, ids("c", "d"), scores(0.9f, 0.1f)));
        // subscription s1: all shards report, version 1
        h.processElement(continuous("s1", 0, ids("a"), scores(0.5f), Cause.SUBSCRIBE, "s1"));
        h.processElement(continuous("s1", 1, ids(), scores(), Cause.SUBSCRIBE, "s1"));
        h.processElement(continuous("s1", 2, ids("c"), scores(0.9f), Cause.SUBSCRIBE, "s1"));
        List<MergedResult> before = Harnesses.drain(h);
        assertEquals(1, before.size());
        assertEquals(1, before.get(0).version());
        assertArrayEquals(new String[] {"c", "a"}, before.get(0).ids());

        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var r = Harnesses.merge(new ResultMergeFunction(), backend, snapshot);
        r.setProcessingTime(1_250L);
        r.processElement(oneShot("q1", 1, ids("b"), scores(0.7f)));
        List<MergedResult> result = Harnesses.drain(r);
        assertEquals(1, result.size());
        assertEquals(MergedResult.Kind.RESULT, result.get(0).kind());
        assertArrayEquals(new String[] {"c", "b"}, result.get(0).ids());
        assertArrayEquals(new float[] {0.9f, 0.7f}, result.get(0).scores());
        assertEquals(250L, result.get(0).tookMs());

        r.processElement(continuous("s1", 1, ids("e"), scores(0.95f), Cause.UPSERT, "e"));
        List<MergedResult> up = Harnesses.drain(r);
        assertEquals(1, up.size());
        assertEquals(2, up.get(0).version(), "the version carries across the restore");
        assertArrayEquals(new String[] {"e", "c"}, up.get(0).ids());
        assertArrayEquals(new String[] {"e"}, up.get(0).entered());
        assertArrayEquals(new String[] {"a"}, up.get(0).left());

        // unsubscribe: CLOSED from every shard; a straggler partial in between stays silent
        r.processElement(closed("s1", 0));
        r.processElement(continuous("s1", 2, ids("f"), scores(0.99f), Cause.UPSERT, "f"));
        r.processElement(closed("s1", 1));
        r.processElement(closed("s1", 2));
        assertTrue(Harnesses.drain(r).isEmpty());
        if (backend == Backend.HASHMAP) { // RocksDB cannot count entries
            assertEquals(
                    0,
                    r.numKeyedStateEntries(),
                    "finished query and closed subscription leave no state");
        }
        // and behaviourally: the id starts from scratch (version 1, no trace of the old top-k)
        for (int s = 0; s < 3; s++) {
            r.processElement(continuous("s1", s, ids(), scores(), Cause.SUBSCRIBE, "s1"));
        }
        List<MergedResult> fresh = Harnesses.drain(r);
        assertEquals(1, fresh.size());
        assertEquals(1, fresh.get(0).version());
        assertEquals(0, fresh.get(0).ids().length);
        r.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aResubscriptionOvertakingTheLastCloseStartsAFreshVersionOne(Backend backend)
            throws Exception {
        var h = Harnesses.merge(new ResultMergeFunction(), backend, null);
        for (int s = 0; s < 3; s++) {
            h.processElement(
                    continuous("s", s, ids("old" + s), scores(0.1f * s), Cause.SUBSCRIBE, "s"));
        }
        assertEquals(1, Harnesses.drain(h).size());
        // shard 0 closes and already answers the new subscription before shards 1 and 2 close
        h.processElement(closed("s", 0));
        h.processElement(continuous("s", 0, ids("n0"), scores(0.3f), Cause.SUBSCRIBE, "s"));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        var r = Harnesses.merge(new ResultMergeFunction(), backend, snapshot);
        r.processElement(closed("s", 1));
        r.processElement(closed("s", 2));
        r.processElement(continuous("s", 1, ids("n1"), scores(0.2f), Cause.SUBSCRIBE, "s"));
        assertTrue(Harnesses.drain(r).isEmpty());
        r.processElement(continuous("s", 2, ids(), scores(), Cause.SUBSCRIBE, "s"));
        List<MergedResult> out = Harnesses.drain(r);
        assertEquals(1, out.size());
        assertEquals(1, out.get(0).version());
        assertArrayEquals(new String[] {"n0", "n1"}, out.get(0).ids());
        r.close();
    }
}
