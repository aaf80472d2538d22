package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.ModelAdapter;
import org.vectorindex.operators.merge.MergeLogic;
import org.vectorindex.operators.merge.SubscriptionState;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;

/**
 * {@link SubscriptionChecks} accepts what the merge operator ({@link MergeLogic}) emits for any
 * interleaving of the shards' partials, and rejects corrupted sequences: a duplicated or missing
 * update, wrong entered ids, two updates of one shard out of order, a perturbed score. The shards'
 * partials are simulated by brute force here, independently of the checker.
 */
class SubscriptionChecksTest {
    private static final int SHARDS = JobScenario.SHARDS;
    private final JobScenario s = JobScenario.generate("t", 3, 300, 3, 0, 16, false);
    private final SubscriptionChecks checks = new SubscriptionChecks(s);

    @Test
    void acceptsEveryInterleavingOfTheShardsPartials() {
        for (long seed = 0; seed < 6; seed++) {
            List<ResultRecord> out = merged(new Random(seed));
            int n = checks.check(out);
            assertTrue(n > 10 * s.subscriptions.size(), "too few updates: " + n);
        }
    }

    @Test
    void rejectsCorruptedSequences() {
        List<ResultRecord> good = merged(new Random(1));
        String sub = s.subscriptions.get(0).id();
        int mid = indexOfUpdate(good, sub, 5);
        while (((SubscriptionUpdate) good.get(mid)).entered().length == 0) {
            mid = indexOfUpdate(good, sub, ((SubscriptionUpdate) good.get(mid)).version() + 1);
        }

        List<ResultRecord> dup = new ArrayList<>(good);
        dup.add(mid + 1, good.get(mid));
        rejects(dup, "a duplicated update");

        List<ResultRecord> lastDropped = new ArrayList<>(good);
        lastDropped.remove(good.lastIndexOf(lastUpdate(good, sub)));
        rejects(lastDropped, "a missing last update");

        rejects(
                replace(
                        good,
                        mid,
                        u -> update(u, u.version(), u.hitIds(), u.hitScores(), new String[0])),
                "wrong entered ids");

        rejects(
                replace(
                        good,
                        mid,
                        u -> {
                            float[] scores = u.hitScores().clone();
                            scores[scores.length - 1] = Math.nextDown(scores[scores.length - 1]);
                            return update(u, u.version(), u.hitIds(), scores, u.entered());
                        }),
                "a perturbed score");

        rejects(swappedWithinAShard(good), "two updates of one shard out of order");
    }

    private void rejects(List<ResultRecord> bad, String what) {
        assertThrows(AssertionError.class, () -> checks.check(bad), what);
    }

    /**
     * Swaps the hit lists (and causes) of two consecutive updates caused by mutations of the same
     * shard whose ids are mutated once only, fixing versions and entered/left around them.
     */
    private List<ResultRecord> swappedWithinAShard(List<ResultRecord> good) {
        Map<String, Integer> mutated = new HashMap<>();
        for (Mutation m : s.mutations) {
            mutated.merge(m.id(), 1, Integer::sum);
        }
        for (Query sub : s.subscriptions) {
            int n = count(good, sub.id());
            for (long v = 2; v + 2 <= n; v++) {
                int ia = indexOfUpdate(good, sub.id(), v);
                int ib = indexOfUpdate(good, sub.id(), v + 1);
                SubscriptionUpdate a = (SubscriptionUpdate) good.get(ia);
                SubscriptionUpdate b = (SubscriptionUpdate) good.get(ib);
                if (mutated.get(a.causeId()) == 1
                        && mutated.get(b.causeId()) == 1
                        && shard(a.causeId()) == shard(b.causeId())) {
                    int ip = indexOfUpdate(good, sub.id(), v - 1);
                    int ic = indexOfUpdate(good, sub.id(), v + 2);
                    SubscriptionUpdate first = diff(b, v, (SubscriptionUpdate) good.get(ip));
                    SubscriptionUpdate second = diff(a, v + 1, first);
                    List<ResultRecord> out = new ArrayList<>(good);
                    out.set(ia, first);
                    out.set(ib, second);
                    out.set(ic, diff((SubscriptionUpdate) good.get(ic), v + 2, second));
                    return out;
                }
            }
        }
        throw new AssertionError("no swappable pair in the scenario");
    }

    private static int count(List<ResultRecord> out, String sub) {
        int n = 0;
        for (ResultRecord r : out) {
            if (r instanceof SubscriptionUpdate u && u.subscriptionId().equals(sub)) {
                n++;
            }
        }
        return n;
    }

    /** {@code u}'s hits and cause as version {@code version}, after {@code previous}. */
    private static SubscriptionUpdate diff(
            SubscriptionUpdate u, long version, SubscriptionUpdate previous) {
        return new SubscriptionUpdate(
                u.subscriptionId(),
                version,
                u.hitIds(),
                u.hitScores(),
                minus(u.hitIds(), previous.hitIds()),
                minus(previous.hitIds(), u.hitIds()),
                u.causeOp(),
                u.causeId());
    }

    private static String[] minus(String[] a, String[] b) {
        List<String> bl = Arrays.asList(b);
        return Arrays.stream(a).filter(x -> !bl.contains(x)).toArray(String[]::new);
    }

    private static SubscriptionUpdate update(
            SubscriptionUpdate u, long version, String[] ids, float[] scores, String[] entered) {
        return new SubscriptionUpdate(
                u.subscriptionId(),
                version,
                ids,
                scores,
                entered,
                u.left(),
                u.causeOp(),
                u.causeId());
    }

    private static List<ResultRecord> replace(
            List<ResultRecord> in, int i, UnaryOperator<SubscriptionUpdate> f) {
        List<ResultRecord> out = new ArrayList<>(in);
        out.set(i, f.apply((SubscriptionUpdate) in.get(i)));
        return out;
    }

    private static int indexOfUpdate(List<ResultRecord> out, String sub, long version) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof SubscriptionUpdate u
                    && u.subscriptionId().equals(sub)
                    && u.version() == version) {
                return i;
            }
        }
        throw new AssertionError("no version " + version + " of " + sub);
    }

    private static SubscriptionUpdate lastUpdate(List<ResultRecord> out, String sub) {
        for (int i = out.size() - 1; ; i--) {
            if (out.get(i) instanceof SubscriptionUpdate u && u.subscriptionId().equals(sub)) {
                return u;
            }
        }
    }

    private static int shard(String id) {
        return ShardKey.shardOf(id, SHARDS);
    }

    /**
     * What the job emits: every shard's partials (brute-force local top-k after each of its
     * mutations, when it changes), the subscriptions' first, then interleaved across shards at
     * random but in order per shard, run through the merge logic.
     */
    private List<ResultRecord> merged(Random interleaving) {
        List<ArrayDeque<PartialResult>> perShard = new ArrayList<>();
        List<Map<String, float[]>> live = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            perShard.add(new ArrayDeque<>());
            live.add(new LinkedHashMap<>());
            for (Query sub : s.subscriptions) {
                perShard.get(shard).add(partial(sub, shard, List.of(), Cause.SUBSCRIBE, sub.id()));
            }
        }
        Map<String, List<SearchHit>> last = new HashMap<>();
        for (Mutation m : s.mutations) {
            int shard = shard(m.id());
            boolean upsert = m.op() == MutationOp.UPSERT;
            if (upsert) {
                live.get(shard).put(m.id(), m.vector());
            } else if (live.get(shard).remove(m.id()) == null) {
                continue;
            }
            for (Query sub : s.subscriptions) {
                List<SearchHit> now = topK(sub, live.get(shard));
                if (!now.equals(last.put(sub.id() + "#" + shard, now))) {
                    Cause cause = upsert ? Cause.UPSERT : Cause.DELETE;
                    perShard.get(shard).add(partial(sub, shard, now, cause, m.id()));
                }
            }
        }
        Map<String, SubscriptionState> states = new HashMap<>();
        List<ResultRecord> out = new ArrayList<>();
        // Like the scenario: every subscription reaches every shard before the first mutation.
        for (int shard = 0; shard < SHARDS; shard++) {
            for (int i = 0; i < s.subscriptions.size(); i++) {
                merge(perShard.get(shard).poll(), states, out);
            }
        }
        while (perShard.stream().anyMatch(q -> !q.isEmpty())) {
            int shard = interleaving.nextInt(SHARDS);
            PartialResult p = perShard.get(shard).poll();
            if (p != null) {
                merge(p, states, out);
            }
        }
        return out;
    }

    private static void merge(
            PartialResult p, Map<String, SubscriptionState> states, List<ResultRecord> out) {
        SubscriptionState st =
                states.computeIfAbsent(p.requestId(), x -> MergeLogic.startSubscription(p));
        MergedResult r = MergeLogic.applyContinuous(p.requestId(), st, p);
        if (r != null) {
            out.add(ModelAdapter.result(r));
        }
    }

    private static List<SearchHit> topK(Query sub, Map<String, float[]> live) {
        List<SearchHit> all = new ArrayList<>();
        for (Map.Entry<String, float[]> e : live.entrySet()) {
            all.add(new SearchHit(e.getKey(), Metric.L2.score(sub.vector(), e.getValue())));
        }
        all.sort(
                Comparator.comparingDouble((SearchHit h) -> -h.score())
                        .thenComparing(SearchHit::id));
        return List.copyOf(all.subList(0, Math.min(sub.k(), all.size())));
    }

    private static PartialResult partial(
            Query sub, int shard, List<SearchHit> hits, Cause cause, String causeId) {
        String[] ids = new String[hits.size()];
        float[] scores = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = hits.get(i).id();
            scores[i] = Metric.L2.externalScore(hits.get(i).score());
        }
        return PartialResult.continuous(
                sub.id(),
                JobScenario.COLLECTION,
                shard,
                SHARDS,
                sub.k(),
                ids,
                scores,
                cause,
                causeId);
    }
}
