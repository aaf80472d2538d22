package org.vectorindex.operators.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorindex.operators.testing.Results.ids;
import static org.vectorindex.operators.testing.Results.scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.testing.Results;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;

class MergeLogicTest {

    private static PartialResult oneShot(int shard, String[] ids, float[] scores) {
        return Results.oneShot(Results.knnOnShard("r", "c", shard, 2, 2, 100L), ids, scores);
    }

    private static PartialResult continuous(
            int shard, String[] ids, float[] scores, Cause cause, String causeId) {
        return PartialResult.continuous("r", "c", shard, 2, 2, ids, scores, cause, causeId);
    }

    private static MergedResult apply(SubscriptionState st, PartialResult p) {
        return MergeLogic.applyContinuous("r", st, p);
    }

    @Test
    void mergeTakesTheBestKAcrossListsWithIdTieBreak() {
        TopKMerger.Ranked r =
                TopKMerger.merge(
                        new String[][] {{"a", "d"}, null, {"b", "c", "e"}},
                        new float[][] {{0.9f, 0.5f}, null, {0.9f, 0.7f, 0.1f}},
                        4);
        assertArrayEquals(new String[] {"a", "b", "c", "d"}, r.ids());
        assertArrayEquals(new float[] {0.9f, 0.9f, 0.7f, 0.5f}, r.scores());
        assertEquals(
                0,
                TopKMerger.merge(new String[][] {{}, {}}, new float[][] {{}, {}}, 3).ids().length);
    }

    @Test
    void mergeEqualsSortingTheUnionOnRandomLists() {
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            int lists = 1 + random.nextInt(5);
            String[][] ids = new String[lists][];
            float[][] scores = new float[lists][];
            List<Object[]> all = new ArrayList<>();
            int next = 0;
            for (int l = 0; l < lists; l++) {
                int n = random.nextInt(6);
                float[] s = new float[n];
                for (int i = 0; i < n; i++) {
                    s[i] = random.nextInt(10) / 10f; // ties on purpose
                }
                java.util.Arrays.sort(s);
                ids[l] = new String[n];
                scores[l] = new float[n];
                for (int i = 0; i < n; i++) {
                    scores[l][i] = s[n - 1 - i];
                }
                // ids must follow the same total order within a list: assign ascending per score
                for (int i = 0; i < n; i++) {
                    ids[l][i] = String.format("id%03d", next++);
                    all.add(new Object[] {ids[l][i], scores[l][i]});
                }
            }
            int k = 1 + random.nextInt(8);
            all.sort(
                    (a, b) ->
                            (float) a[1] != (float) b[1]
                                    ? Float.compare((float) b[1], (float) a[1])
                                    : ((String) a[0]).compareTo((String) b[0]));
            TopKMerger.Ranked r = TopKMerger.merge(ids, scores, k);
            assertEquals(Math.min(k, all.size()), r.ids().length);
            for (int i = 0; i < r.ids().length; i++) {
                assertEquals(all.get(i)[0], r.ids()[i]);
            }
        }
    }

    @Test
    void oneShotCompletesOnceEveryShardAnsweredAndIgnoresDuplicates() {
        PartialResult p0 = oneShot(0, ids("a", "b"), scores(0.9f, 0.3f));
        PartialResult p1 = oneShot(1, ids("c"), scores(0.5f));
        OneShotState st = MergeLogic.startOneShot(p0);
        assertFalse(MergeLogic.addOneShot(st, p0));
        assertFalse(MergeLogic.addOneShot(st, p0), "a duplicate does not count");
        assertTrue(MergeLogic.addOneShot(st, p1));
        MergedResult r = MergeLogic.result("q", st, 130L);
        assertEquals(MergedResult.Kind.RESULT, r.kind());
        assertArrayEquals(new String[] {"a", "c"}, r.ids());
        assertEquals(30L, r.tookMs());
    }

    @Test
    void continuousEmitsVersionOneWhenAllShardsReportedThenOnlyChanges() {
        PartialResult s0 = continuous(0, ids("a"), scores(0.9f), Cause.SUBSCRIBE, "r");
        SubscriptionState st = MergeLogic.startSubscription(s0);
        assertNull(apply(st, s0), "shard 1 has not reported");
        // a mutation on shard 0 before shard 1 subscribed: folded into version 1
        assertNull(apply(st, continuous(0, ids("a", "x"), scores(0.9f, 0.2f), Cause.UPSERT, "x")));
        MergedResult v1 = apply(st, continuous(1, ids("b"), scores(0.4f), Cause.SUBSCRIBE, "r"));
        assertEquals(1, v1.version());
        assertArrayEquals(new String[] {"a", "b"}, v1.ids());
        assertArrayEquals(new String[] {"a", "b"}, v1.entered());
        assertEquals(0, v1.left().length);
        assertEquals(Cause.SUBSCRIBE, v1.cause());

        // shard 1 changes below the global top-2: no update
        assertNull(apply(st, continuous(1, ids("b", "y"), scores(0.4f, 0.1f), Cause.UPSERT, "y")));
        // shard 1 gets a better one: enters, b... a stays, b leaves
        MergedResult v2 =
                apply(st, continuous(1, ids("z", "b"), scores(0.95f, 0.4f), Cause.UPSERT, "z"));
        assertEquals(2, v2.version());
        assertArrayEquals(new String[] {"z", "a"}, v2.ids());
        assertArrayEquals(new String[] {"z"}, v2.entered());
        assertArrayEquals(new String[] {"b"}, v2.left());
        assertEquals(Cause.UPSERT, v2.cause());
        assertEquals("z", v2.causeId());

        // a member's score changes but membership does not: still an update
        MergedResult v3 =
                apply(st, continuous(0, ids("a", "x"), scores(0.8f, 0.2f), Cause.UPSERT, "a"));
        assertEquals(3, v3.version());
        assertEquals(0, v3.entered().length);
        assertEquals(0, v3.left().length);

        assertFalse(MergeLogic.close(st, 1));
        assertTrue(MergeLogic.belongsToSuccessor(st, 1));
        assertFalse(MergeLogic.belongsToSuccessor(st, 0));
        assertTrue(MergeLogic.close(st, 0));
    }
}
