package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.vectorindex.jobs.testing.TestCollections;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.testing.ClusteredData;

/**
 * A {@link JobScenario} for a multi-vector collection {@link #MV} (clustered token sets: upserts,
 * deletes, re-upserts, subscriptions, one-shot queries, a stats request) beside a one-shard HNSW
 * collection {@link #PLAIN} that carries the barrier probe, and the checks of its committed outputs
 * against a {@link MultiVectorReference}. The collection reranks more candidates than a shard
 * holds, so search is exact. Run at parallelism 1: every shard then sees its mutations, and the
 * merger its partials, in send order, so the expected subscription update sequence is unique and
 * checked exactly, and the probe (sent last) answering means every mutation is applied.
 */
final class MultiVectorScenario {
    static final int DIM = 8;
    static final int SHARDS = 3;
    static final String MV = "mv";
    static final String PLAIN = "c";
    static final String COLLECTIONS_YAML =
            "collections:\n"
                    + "  - {name: c, dimension: 4, metric: l2, shards: 1}\n"
                    + TestCollections.MULTIVECTOR_MV;

    private static final float[] PROBE = {900, 900, 900, 900};

    private final float[][] pool;
    private final SplittableRandom rnd;

    private MultiVectorScenario(long seed) {
        pool = ClusteredData.generate(3000, DIM, 6, seed);
        rnd = new SplittableRandom(seed + 1);
    }

    /**
     * {@code docs} upserts of 2..12 tokens each (every 10th followed by a delete of an earlier id,
     * every 15th by a re-upsert of one, every 20th by an HNSW upsert), then the probe; {@code subs}
     * subscriptions with k 5 and {@code queries} one-shot queries with k 10 (half with ef 64).
     * Mutations go every third in the binary envelope, one-shot queries every other. Keep every
     * shard (about a third of {@code docs}) under the collection's 400 candidates, so search stays
     * exact ({@link #check} asserts it).
     */
    static JobScenario generate(String prefix, long seed, int docs, int subs, int queries) {
        MultiVectorScenario g = new MultiVectorScenario(seed);
        JobScenario s =
                new JobScenario(
                        prefix,
                        MV,
                        new JobScenario.Barrier(
                                b -> Query.knn("barrier-" + b, PLAIN, PROBE, 1, 0, null),
                                res -> res.hitCount() == 1 && res.hitId(0).equals("probe")),
                        true,
                        COLLECTIONS_YAML);
        for (int i = 0; i < docs; i++) {
            s.mutations.add(Mutation.upsertMulti(MV, "doc-" + i, g.rows(), attrs(i)));
            if (i % 10 == 9) {
                s.mutations.add(Mutation.delete(MV, "doc-" + g.rnd.nextInt(i)));
            }
            if (i % 15 == 14) {
                int j = g.rnd.nextInt(i);
                s.mutations.add(Mutation.upsertMulti(MV, "doc-" + j, g.rows(), attrs(j)));
            }
            if (i % 20 == 0) {
                float[] v = {g.rnd.nextFloat(), g.rnd.nextFloat(), g.rnd.nextFloat(), 1};
                s.mutations.add(Mutation.upsert(PLAIN, "p-" + i, v, null));
            }
        }
        s.mutations.add(Mutation.upsert(PLAIN, "probe", PROBE, null));
        for (int i = 0; i < subs; i++) {
            s.subscriptions.add(Query.subscribeMulti("sub-" + i, MV, g.rows(), 5, 0, null));
        }
        for (int i = 0; i < queries; i++) {
            s.queries.add(Query.knnMulti("q-" + i, MV, g.rows(), 10, i % 2 == 0 ? 0 : 64, null));
        }
        return s;
    }

    /**
     * Asserts the committed outputs: every subscription's updates equal the exact MaxSim top-k
     * after each multi-vector mutation that changed it, with nothing missed or repeated; every
     * one-shot query is answered exactly once with the reference's hits and scores (bit for bit);
     * each shard's size and digest equal the reference's; no dead letters.
     */
    static void check(JobScenario s, JobScenario.Outputs out) {
        MultiVectorReference ref = new MultiVectorReference();
        ExactUpdates replay = new ExactUpdates(s.subscriptions);
        for (Mutation m : s.mutations) {
            if (ref.apply(m)) {
                replay.after(m, sub -> ref.exact(sub.vectors(), sub.k()));
            }
        }
        replay.assertCommitted(out.results(), "subscription updates vs exact MaxSim");

        Map<String, QueryResult> answers = out.oneShot(); // fails on a duplicate
        assertEquals(s.queries.size(), answers.size(), "answered queries");
        for (Query q : s.queries) {
            List<SearchHit> want = ref.knn(q.vectors(), q.k(), q.ef());
            assertEquals(want, ref.exact(q.vectors(), q.k()), "search is exact by construction");
            QueryResult r = answers.get(q.id());
            assertEquals(MV, r.collection());
            assertArrayEquals(
                    want.stream().map(SearchHit::id).toArray(String[]::new), r.hitIds(), q.id());
            float[] scores = new float[want.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = want.get(i).score();
            }
            assertArrayEquals(scores, r.hitScores(), q.id());
        }
        assertEquals(List.of(), out.deadLetters());

        StatsResult st = out.stats(); // fails unless answered exactly once
        assertEquals(MV, st.collection());
        assertEquals(SHARDS, st.shardCount());
        for (int shard = 0; shard < SHARDS; shard++) {
            assertEquals(ref.shards[shard].size(), st.size(shard), "size of shard " + shard);
            assertEquals(
                    StatsResult.hex(ref.shards[shard].digest()),
                    StatsResult.hex(st.digest(shard)),
                    "digest of shard " + shard);
        }
    }

    private static Map<String, String> attrs(int i) {
        return Map.of("n", Integer.toString(i % 3));
    }

    private float[][] rows() {
        int n = 2 + rnd.nextInt(11);
        float[][] out = new float[n][];
        for (int t = 0; t < n; t++) {
            out[t] = pool[rnd.nextInt(pool.length)].clone();
        }
        return out;
    }
}
