package org.vectorindex.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vectorindex.operators.merge.TopKMerger;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.MutationOp;
import org.vectorindex.operators.model.Query;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.SubscriptionUpdate;
import org.vectorindex.operators.model.UpdateCause;
import org.vectorindex.operators.shard.ShardKey;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;

/**
 * Checks subscription updates at any parallelism, where the merged sequence is not unique.
 *
 * <p><b>What is deterministic.</b> Each shard sees its mutations in send order (one partition per
 * topic), and the scenario sends the subscriptions and waits for their committed version 1 before
 * any mutation. With exact search in force (ef above the shard size), a shard's local top-k after
 * each of its mutations is therefore a fixed sequence {@code L_s[0..]}, computed here by brute
 * force; the shard emits a partial exactly when it changes. The merger (keyed by subscription)
 * receives each shard's partials in that order, since one shard's partials travel one FIFO channel,
 * but the interleaving across shards, and so the merged sequence, depends on timing.
 *
 * <p><b>What is checked,</b> per subscription: versions are exactly 1..n in committed order (no
 * gap, no duplicate: read_committed after failures must not replay one); hits are strictly ranked
 * (score descending, then id) with distinct ids and at most k of them; each update differs from the
 * previous one, and its entered/left are exactly the differences of consecutive hit lists; version
 * 1 is caused by the subscription and later ones by a mutation; the last update equals the exact
 * top-k over the final data; and the updates embed monotonically into the shard sequences: there
 * are positions {@code p^v[s]}, non-decreasing in v for every shard, such that hits(v) is the merge
 * of {@code L_s[p^v[s]]} over all shards, version 1 sits at the initial (empty) states, and for v >
 * 1 the position of the cause's shard strictly advances to a state that this very mutation
 * produced.
 *
 * <p><b>Why it is sound.</b> Every correct run passes, whatever the interleaving: the merger's view
 * is always the merge of each shard's latest partial, positions only move forward, and it emits
 * exactly when the partial it just applied (with that partial's cause) changes the merge. The check
 * is decidable shard by shard: shards hold disjoint ids, and a list H is the top-k merge of lists
 * L_s iff each L_s starts with H's members from shard s and, when H is full, its next entry ranks
 * after H's last. So the positions can be chosen per shard, and taking the earliest feasible
 * position at each version never rules out a later one (it stays at or below the true position).
 * Stale, reordered, lost-then-replayed, invented or duplicated updates, wrong entered/left and a
 * wrong final state all fail it.
 */
final class SubscriptionChecks {
    private static final Metric METRIC = Metric.L2;

    /** A shard's local top-k (users' scores) and the mutation that produced it. */
    private record LocalState(String[] ids, float[] scores, String cause) {}

    private final List<Query> subscriptions;
    private final Reference finalData = new Reference();

    /** Per subscription id, per shard: the local top-k sequence, starting with the empty list. */
    private final Map<String, List<List<LocalState>>> sequences = new HashMap<>();

    SubscriptionChecks(JobScenario s) {
        this.subscriptions = s.subscriptions;
        List<Map<String, float[]>> live = new ArrayList<>();
        for (int shard = 0; shard < JobScenario.SHARDS; shard++) {
            live.add(new LinkedHashMap<>());
        }
        for (Query sub : subscriptions) {
            List<List<LocalState>> perShard = new ArrayList<>();
            for (int shard = 0; shard < JobScenario.SHARDS; shard++) {
                perShard.add(
                        new ArrayList<>(
                                List.of(new LocalState(new String[0], new float[0], "start"))));
            }
            sequences.put(sub.id(), perShard);
        }
        for (Mutation m : s.mutations) {
            finalData.apply(m);
            int shard = ShardKey.shardOf(m.id(), JobScenario.SHARDS);
            if (m.op() == MutationOp.UPSERT) {
                live.get(shard).put(m.id(), m.vector().clone());
            } else if (live.get(shard).remove(m.id()) == null) {
                continue; // deleting an absent id changes nothing and emits nothing
            }
            String cause = m.op().wireName() + ":" + m.id();
            for (Query sub : subscriptions) {
                List<LocalState> seq = sequences.get(sub.id()).get(shard);
                LocalState now = localTopK(sub.vector(), sub.k(), live.get(shard), cause);
                LocalState last = seq.get(seq.size() - 1);
                if (!TopKMerger.same(last.ids, last.scores, now.ids, now.scores)) {
                    seq.add(now);
                }
            }
        }
    }

    /** Runs the checks on the committed results (in topic order); returns the number of updates. */
    int check(List<ResultRecord> results) {
        Map<String, List<SubscriptionUpdate>> bySub = new HashMap<>();
        for (ResultRecord r : results) {
            if (r instanceof SubscriptionUpdate u) {
                bySub.computeIfAbsent(u.subscriptionId(), x -> new ArrayList<>()).add(u);
            }
        }
        assertEquals(
                subscriptions.stream().map(Query::id).sorted().toList(),
                bySub.keySet().stream().sorted().toList(),
                "subscriptions with updates");
        int total = 0;
        for (Query sub : subscriptions) {
            List<SubscriptionUpdate> ups = bySub.get(sub.id());
            checkOne(sub, ups);
            total += ups.size();
        }
        return total;
    }

    private void checkOne(Query sub, List<SubscriptionUpdate> ups) {
        List<List<LocalState>> seqs = sequences.get(sub.id());
        int[] pos = new int[JobScenario.SHARDS];
        SubscriptionUpdate prev = null;
        for (int i = 0; i < ups.size(); i++) {
            SubscriptionUpdate u = ups.get(i);
            String where = sub.id() + " v" + u.version();
            assertEquals(i + 1, u.version(), sub.id() + ": versions must be 1..n, no gap or dup");
            checkRanked(u, sub.k(), where);
            if (prev == null) {
                assertEquals(UpdateCause.SUBSCRIBE, u.causeOp(), where);
                assertEquals(sub.id(), u.causeId(), where);
                assertArrayEquals(u.hitIds(), u.entered(), where + " entered");
                assertEquals(0, u.left().length, where + " left");
            } else {
                assertFalse(
                        TopKMerger.same(prev.hitIds(), prev.hitScores(), u.hitIds(), u.hitScores()),
                        where + " repeats the previous top-k");
                assertArrayEquals(
                        TopKMerger.minus(u.hitIds(), prev.hitIds()), u.entered(), where + " ent");
                assertArrayEquals(
                        TopKMerger.minus(prev.hitIds(), u.hitIds()), u.left(), where + " left");
                assertTrue(u.causeOp() != UpdateCause.SUBSCRIBE, where + " cause");
            }
            String cause = prev == null ? null : u.causeOp().wireName() + ":" + u.causeId();
            int causeShard = prev == null ? -1 : ShardKey.shardOf(u.causeId(), JobScenario.SHARDS);
            for (int s = 0; s < JobScenario.SHARDS; s++) {
                List<LocalState> seq = seqs.get(s);
                int p = s == causeShard ? pos[s] + 1 : pos[s];
                while (p < seq.size()
                        && !((s != causeShard || seq.get(p).cause.equals(cause))
                                && compatible(u, seq.get(p), sub.k(), s))) {
                    p++;
                }
                if (p == seq.size() || (prev == null && p != 0)) {
                    throw new AssertionError(
                            where
                                    + " ("
                                    + (cause == null ? "initial" : cause)
                                    + ") is not the merge of shard "
                                    + s
                                    + "'s local top-k at or after its position "
                                    + pos[s]
                                    + " of "
                                    + seq.size()
                                    + "; hits "
                                    + Arrays.toString(u.hitIds()));
                }
                pos[s] = p;
            }
            prev = u;
        }
        List<SearchHit> exact = finalData.exact(sub.vector(), sub.k());
        assertArrayEquals(
                exact.stream().map(SearchHit::id).toArray(String[]::new),
                prev.hitIds(),
                sub.id() + ": the last update is the exact top-k of the final data");
        float[] scores = new float[exact.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = exact.get(i).score();
        }
        assertArrayEquals(scores, prev.hitScores(), sub.id() + " final scores");
    }

    /** Strictly ranked best first, distinct ids, at most k. */
    private static void checkRanked(SubscriptionUpdate u, int k, String where) {
        assertTrue(u.hitCount() <= k, where + " has more than k hits");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < u.hitCount(); i++) {
            assertTrue(seen.add(u.hitId(i)), where + " repeats " + u.hitId(i));
            if (i > 0) {
                assertTrue(
                        TopKMerger.ranksBefore(
                                u.hitScore(i - 1), u.hitId(i - 1), u.hitScore(i), u.hitId(i)),
                        where + " is not ranked at " + i);
            }
        }
    }

    /**
     * Whether hits {@code u} can be the merged top-k while shard {@code s} holds {@code l}: l
     * starts with u's members from shard s, and nothing else of l makes it into the merge.
     */
    private static boolean compatible(SubscriptionUpdate u, LocalState l, int k, int s) {
        int n = 0;
        for (int i = 0; i < u.hitCount(); i++) {
            if (ShardKey.shardOf(u.hitId(i), JobScenario.SHARDS) != s) {
                continue;
            }
            if (n >= l.ids.length
                    || !l.ids[n].equals(u.hitId(i))
                    || Float.floatToIntBits(l.scores[n]) != Float.floatToIntBits(u.hitScore(i))) {
                return false;
            }
            n++;
        }
        if (n == l.ids.length) {
            return true;
        }
        if (u.hitCount() < k) {
            return false; // the merge takes everything when fewer than k exist
        }
        int last = u.hitCount() - 1;
        return TopKMerger.ranksBefore(u.hitScore(last), u.hitId(last), l.scores[n], l.ids[n]);
    }

    /** Exact local top-k, ranked like the shard ranks it: internal score, then id. */
    private static LocalState localTopK(float[] q, int k, Map<String, float[]> live, String cause) {
        String[] ids = new String[k];
        float[] internal = new float[k];
        int n = 0;
        for (Map.Entry<String, float[]> e : live.entrySet()) {
            float score = METRIC.score(q, e.getValue());
            String id = e.getKey();
            int pos = n;
            while (pos > 0 && TopKMerger.ranksBefore(score, id, internal[pos - 1], ids[pos - 1])) {
                pos--;
            }
            if (pos >= k) {
                continue;
            }
            int move = Math.min(n, k - 1) - pos;
            System.arraycopy(ids, pos, ids, pos + 1, move);
            System.arraycopy(internal, pos, internal, pos + 1, move);
            ids[pos] = id;
            internal[pos] = score;
            n = Math.min(n + 1, k);
        }
        float[] external = new float[n];
        for (int i = 0; i < n; i++) {
            external[i] = METRIC.externalScore(internal[i]);
        }
        return new LocalState(Arrays.copyOf(ids, n), external, cause);
    }
}
