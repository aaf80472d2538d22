package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorindex.operators.testing.Harnesses;
import org.vectorindex.operators.testing.Harnesses.Backend;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;

/**
 * Subscription state lives on the heap and reaches keyed state only when the operator snapshots: a
 * snapshot taken in the middle of a burst of updates, restored into a fresh operator, carries on
 * with exactly the updates of the run that was never interrupted.
 */
class WriteBehindMergeTest {
    private static final int SUBSCRIPTIONS = 12;
    private static final int SHARDS = 3;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSnapshotInTheMiddleOfABurstRestoresToTheSameUpdates(Backend backend) throws Exception {
        List<StreamRecord<PartialResult>> burst = burst(600, 7);

        var whole = Harnesses.merge(new ResultMergeFunction(), backend, null);
        feed(whole, burst, 0, burst.size());
        List<String> expected = describe(Harnesses.drain(whole));
        whole.close();

        var first = Harnesses.merge(new ResultMergeFunction(), backend, null);
        feed(first, burst, 0, 150);
        first.snapshot(1, 1); // an earlier checkpoint: the next one holds older and newer writes
        feed(first, burst, 150, 310);
        OperatorSubtaskState snapshot = first.snapshot(2, 2);
        List<MergedResult> before = Harnesses.drain(first);
        first.close();
        var restored = Harnesses.merge(new ResultMergeFunction(), backend, snapshot);
        feed(restored, burst, 310, burst.size());
        List<MergedResult> after = Harnesses.drain(restored);
        restored.close();

        List<String> actual = describe(before);
        actual.addAll(describe(after));
        assertTrue(expected.size() > 100, "the burst changes merged top-ks: " + expected.size());
        assertTrue(after.size() > 50, "updates after the restore: " + after.size());
        assertEquals(expected, actual);
    }

    /**
     * Every subscription opens on every shard, then shards report new local top-ks of two ids at
     * random; two subscriptions close and open again part-way, so clears and re-creation cross the
     * snapshot too.
     */
    private static List<StreamRecord<PartialResult>> burst(int updates, long seed) {
        Random r = new Random(seed);
        List<StreamRecord<PartialResult>> out = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            open(out, r, "s" + s);
        }
        for (int i = 0; i < updates; i++) {
            if (i == 200 || i == 400) {
                String id = "s" + (i / 200);
                for (int shard = 0; shard < SHARDS; shard++) {
                    out.add(ResultMergeFunctionTest.closed(id, shard));
                }
                open(out, r, id);
            }
            String cause = "v" + i;
            out.add(
                    ResultMergeFunctionTest.continuous(
                            "s" + r.nextInt(SUBSCRIPTIONS),
                            r.nextInt(SHARDS),
                            new String[] {"v" + r.nextInt(40), cause},
                            new float[] {0.5f + r.nextFloat() / 2, r.nextFloat() / 2},
                            Cause.UPSERT,
                            cause));
        }
        return out;
    }

    private static void open(List<StreamRecord<PartialResult>> out, Random r, String id) {
        for (int shard = 0; shard < SHARDS; shard++) {
            out.add(
                    ResultMergeFunctionTest.continuous(
                            id,
                            shard,
                            new String[] {"v" + r.nextInt(40)},
                            new float[] {r.nextFloat()},
                            Cause.SUBSCRIBE,
                            id));
        }
    }

    private static void feed(
            org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<
                            String, PartialResult, MergedResult>
                    h,
            List<StreamRecord<PartialResult>> records,
            int from,
            int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            h.processElement(records.get(i));
        }
    }

    private static List<String> describe(List<MergedResult> results) {
        List<String> out = new ArrayList<>();
        for (MergedResult m : results) {
            out.add(
                    m.kind()
                            + " "
                            + m.requestId()
                            + " v"
                            + m.version()
                            + " "
                            + Arrays.toString(m.ids())
                            + " "
                            + Arrays.toString(m.scores())
                            + " +"
                            + Arrays.toString(m.entered())
                            + " -"
                            + Arrays.toString(m.left())
                            + " "
                            + m.causeId());
        }
        return out;
    }
}
