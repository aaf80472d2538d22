package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.PartialResult.Kind;

/** The merge operator in a keyed harness, across a snapshot and a restore into a fresh instance. */
class ResultMergeFunctionTest {

    static StreamRecord<PartialResult> rec(
            Kind kind,
            String id,
            int shard,
            String[] ids,
            float[] scores,
            Cause cause,
            String causeId) {
        return new StreamRecord<>(
                new PartialResult(kind, id, "c", shard, 3, 2, ids, scores, 1_000L, cause, causeId));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void mergesAcrossSnapshotAndRestoreThenClearsState(Backend backend) throws Exception {
        var h = Harnesses.merge(new ResultMergeFunction(), backend, null);
        h.setProcessingTime(1_000L);
        // one-shot q1: two of three shards before the snapshot
        h.processElement(
                rec(
                        Kind.ONE_SHOT,
                        "q1",
                        0,
                        new String[] {"a"},
                        new float[] {0.5f},
                        Cause.NONE,
                        null));
        h.processElement(
                rec(
                        Kind.ONE_SHOT,
                        "q1",
                        2,
                        new String[] {"c", "d"},
                        new float[] {0.9f, 0.1f},
                        Cause.NONE,
                        null));
        // subscription s1: all shards report, version 1
        h.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s1",
                        0,
                        new String[] {"a"},
                        new float[] {0.5f},
                        Cause.SUBSCRIBE,
                        "s1"));
        h.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s1",
                        1,
                        new String[] {},
                        new float[] {},
                        Cause.SUBSCRIBE,
                        "s1"));
        h.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s1",
                        2,
                        new String[] {"c"},
                        new float[] {0.9f},
                        Cause.SUBSCRIBE,
                        "s1"));
        List<MergedResult> before = Harnesses.drain(h);
        assertEquals(1, before.size());
        assertEquals(1, before.get(0).version());
        assertArrayEquals(new String[] {"c", "a"}, before.get(0).ids());

        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var r = Harnesses.merge(new ResultMergeFunction(), backend, snapshot);
        r.setProcessingTime(1_250L);
        r.processElement(
                rec(
                        Kind.ONE_SHOT,
                        "q1",
                        1,
                        new String[] {"b"},
                        new float[] {0.7f},
                        Cause.NONE,
                        null));
        List<MergedResult> result = Harnesses.drain(r);
        assertEquals(1, result.size());
        assertEquals(MergedResult.Kind.RESULT, result.get(0).kind());
        assertArrayEquals(new String[] {"c", "b"}, result.get(0).ids());
        assertArrayEquals(new float[] {0.9f, 0.7f}, result.get(0).scores());
        assertEquals(250L, result.get(0).tookMs());

        r.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s1",
                        1,
                        new String[] {"e"},
                        new float[] {0.95f},
                        Cause.UPSERT,
                        "e"));
        List<MergedResult> up = Harnesses.drain(r);
        assertEquals(1, up.size());
        assertEquals(2, up.get(0).version(), "the version carries across the restore");
        assertArrayEquals(new String[] {"e", "c"}, up.get(0).ids());
        assertArrayEquals(new String[] {"e"}, up.get(0).entered());
        assertArrayEquals(new String[] {"a"}, up.get(0).left());

        // unsubscribe: CLOSED from every shard; a straggler partial in between stays silent
        r.processElement(
                rec(Kind.CLOSED, "s1", 0, new String[] {}, new float[] {}, Cause.NONE, null));
        r.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s1",
                        2,
                        new String[] {"f"},
                        new float[] {0.99f},
                        Cause.UPSERT,
                        "f"));
        r.processElement(
                rec(Kind.CLOSED, "s1", 1, new String[] {}, new float[] {}, Cause.NONE, null));
        r.processElement(
                rec(Kind.CLOSED, "s1", 2, new String[] {}, new float[] {}, Cause.NONE, null));
        assertTrue(Harnesses.drain(r).isEmpty());
        if (backend == Backend.HASHMAP) { // RocksDB cannot count entries
            assertEquals(
                    0,
                    r.numKeyedStateEntries(),
                    "finished query and closed subscription leave no state");
        }
        // and behaviourally: the id starts from scratch (version 1, no trace of the old top-k)
        for (int s = 0; s < 3; s++) {
            r.processElement(
                    rec(
                            Kind.CONTINUOUS,
                            "s1",
                            s,
                            new String[] {},
                            new float[] {},
                            Cause.SUBSCRIBE,
                            "s1"));
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
                    rec(
                            Kind.CONTINUOUS,
                            "s",
                            s,
                            new String[] {"old" + s},
                            new float[] {0.1f * s},
                            Cause.SUBSCRIBE,
                            "s"));
        }
        assertEquals(1, Harnesses.drain(h).size());
        // shard 0 closes and already answers the new subscription before shards 1 and 2 close
        h.processElement(
                rec(Kind.CLOSED, "s", 0, new String[] {}, new float[] {}, Cause.NONE, null));
        h.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s",
                        0,
                        new String[] {"n0"},
                        new float[] {0.3f},
                        Cause.SUBSCRIBE,
                        "s"));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        var r = Harnesses.merge(new ResultMergeFunction(), backend, snapshot);
        r.processElement(
                rec(Kind.CLOSED, "s", 1, new String[] {}, new float[] {}, Cause.NONE, null));
        r.processElement(
                rec(Kind.CLOSED, "s", 2, new String[] {}, new float[] {}, Cause.NONE, null));
        r.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s",
                        1,
                        new String[] {"n1"},
                        new float[] {0.2f},
                        Cause.SUBSCRIBE,
                        "s"));
        assertTrue(Harnesses.drain(r).isEmpty());
        r.processElement(
                rec(
                        Kind.CONTINUOUS,
                        "s",
                        2,
                        new String[] {},
                        new float[] {},
                        Cause.SUBSCRIBE,
                        "s"));
        List<MergedResult> out = Harnesses.drain(r);
        assertEquals(1, out.size());
        assertEquals(1, out.get(0).version());
        assertArrayEquals(new String[] {"n0", "n1"}, out.get(0).ids());
        r.close();
    }
}
