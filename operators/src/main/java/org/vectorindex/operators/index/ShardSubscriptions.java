package org.vectorindex.operators.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.state.hnsw.AttributeFilter;
import org.vectorindex.state.hnsw.SearchHit;
import org.vectorindex.state.math.Metric;

/**
 * The working form of the open subscriptions of one shard, and the incremental maintenance of each
 * one's local top-k as mutations arrive. Keyed state holds the durable image ({@link
 * SubscriptionSpec} and {@link LocalTopK} per subscription); this is rebuilt from it after a
 * restore.
 *
 * <p>Why this layout: every upsert into the shard must be checked against every subscription (the
 * goal is 1,000 subscriptions at 1,000 upserts/s), so the check is a tight loop over primitive
 * arrays: each subscription's query is one {@code float[]} (a vector, or a multi-vector query's
 * tokens row after row, so lengths vary) and each one's current k-th score sits in a {@code
 * float[]}. A subscription is touched beyond one distance computation only when the new vector
 * beats its k-th score or the id is already one of its members ({@link #membership}, one hash
 * lookup per mutation). Slots are kept sorted by subscription id so the order of emitted partials
 * does not depend on history (a restored operator emits exactly what the original would).
 *
 * <p>Rules, per subscription, for a mutation of id X (scores are internal, higher is better; ties
 * are broken by id, ascending):
 *
 * <ul>
 *   <li>upsert, X not a member: it enters if it passes the filter and beats the k-th (or the list
 *       is not full, which means the shard holds fewer than k matches and all of them are in it);
 *   <li>upsert, X a member: if it no longer passes the filter, or its new score falls below the old
 *       k-th while the list is full, an outsider may now belong: search the shard again; otherwise
 *       only its score and position change;
 *   <li>delete, X a member: remove it; if the list was full, search the shard again for the
 *       replacement.
 * </ul>
 *
 * Scores of re-search hits are recomputed here with the shard's {@link SubscriptionScorer} on the
 * stored vectors, so incremental and re-searched scores are bit-identical.
 */
@Internal
public final class ShardSubscriptions {

    /** Told about each subscription whose local top-k changed, in slot order. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(int slot, Cause cause, String causeId) throws Exception;
    }

    private final SubscriptionScorer scorer;
    private final Map<String, Map<String, String>> attributes;
    private final IdFilter idFilter;

    private int count;
    private String[] subIds = new String[4];
    private SubscriptionSpec[] specs = new SubscriptionSpec[4];
    private float[][] queries = new float[4][];
    private int[] ks = new int[4];
    private float[] kth = new float[4];
    private AttributeFilter[] filters = new AttributeFilter[4];
    private String[][] topIds = new String[4][];
    private float[][] topScores = new float[4][];
    private int[] topSize = new int[4];

    /** Id -> slots whose local top-k contains it. */
    private final HashMap<String, IntList> membership = new HashMap<>();

    /** Set by {@link #restore} so a batch of restores rebuilds {@link #membership} once. */
    private boolean membershipStale;

    private int[] mark = new int[4];
    private int generation;
    private int[] scratchSlots = new int[4];
    private String[] oldIds = new String[16];
    private float[] oldScores = new float[16];

    /** Subscriptions of a single-vector shard: {@code metric} over vectors of {@code dim}. */
    public ShardSubscriptions(int dim, Metric metric, Map<String, Map<String, String>> attributes) {
        this(SubscriptionScorer.of(metric, dim), attributes);
    }

    /**
     * @param scorer how this shard's documents score against a subscription's query
     * @param attributes the shard's attributes by id, read by re-searches with a filter; owned by
     *     the caller, which keeps it current
     */
    public ShardSubscriptions(
            SubscriptionScorer scorer, Map<String, Map<String, String>> attributes) {
        this.scorer = scorer;
        this.attributes = attributes;
        this.idFilter = new IdFilter(attributes);
    }

    public int count() {
        return count;
    }

    public String subscriptionId(int slot) {
        return subIds[slot];
    }

    public SubscriptionSpec spec(int slot) {
        return specs[slot];
    }

    /** Slot of a subscription, or a negative number. */
    public int slotOf(String subscriptionId) {
        return Arrays.binarySearch(subIds, 0, count, subscriptionId);
    }

    /** Current local top-k ids of a slot, best first (a copy). */
    public String[] ids(int slot) {
        return Arrays.copyOf(topIds[slot], topSize[slot]);
    }

    /** Users' scores of {@link #ids} (a copy). */
    public float[] externalScores(int slot) {
        int n = topSize[slot];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = scorer.externalScore(topScores[slot][i]);
        }
        return out;
    }

    /** The durable image of a slot's local top-k. */
    public LocalTopK topK(int slot) {
        return new LocalTopK(ids(slot), Arrays.copyOf(topScores[slot], topSize[slot]));
    }

    /** Re-installs a subscription from keyed state, without searching. */
    public void restore(String subscriptionId, SubscriptionSpec spec, LocalTopK topK) {
        int slot = install(subscriptionId, spec);
        for (int i = 0; i < topK.ids().length && i < spec.k(); i++) {
            insert(slot, topK.ids()[i], topK.scores()[i]);
        }
        membershipStale = true;
    }

    /**
     * Opens (or replaces) a subscription and computes its local top-k by searching the shard.
     *
     * @return its slot
     */
    public int subscribe(String subscriptionId, SubscriptionSpec spec, ShardIndex index) {
        scorer.checkQuery(spec.vector());
        int slot = install(subscriptionId, spec);
        rebuildMembership();
        research(slot, index);
        return slot;
    }

    /** Drops a subscription; returns whether it was open. */
    public boolean unsubscribe(String subscriptionId) {
        int slot = slotOf(subscriptionId);
        if (slot < 0) {
            return false;
        }
        int tail = count - slot - 1;
        System.arraycopy(subIds, slot + 1, subIds, slot, tail);
        System.arraycopy(specs, slot + 1, specs, slot, tail);
        System.arraycopy(queries, slot + 1, queries, slot, tail);
        System.arraycopy(ks, slot + 1, ks, slot, tail);
        System.arraycopy(kth, slot + 1, kth, slot, tail);
        System.arraycopy(filters, slot + 1, filters, slot, tail);
        System.arraycopy(topIds, slot + 1, topIds, slot, tail);
        System.arraycopy(topScores, slot + 1, topScores, slot, tail);
        System.arraycopy(topSize, slot + 1, topSize, slot, tail);
        count--;
        subIds[count] = null;
        specs[count] = null;
        queries[count] = null;
        filters[count] = null;
        topIds[count] = null;
        topScores[count] = null;
        rebuildMembership();
        return true;
    }

    /**
     * Updates every subscription after {@code id} was upserted into the shard's index.
     *
     * @param stored the vector as the index stores it ({@link ShardIndex#vector})
     * @param attrs the record's attributes (empty when none)
     */
    public void onUpsert(
            String id,
            float[] stored,
            Map<String, String> attrs,
            ShardIndex index,
            ChangeListener listener)
            throws Exception {
        if (count == 0) {
            return;
        }
        refreshMembership();
        int gen = markMembers(id);
        final float[][] qs = queries;
        final float[] kths = kth;
        final SubscriptionScorer sc = scorer;
        for (int s = 0; s < count; s++) {
            if (mark[s] == gen) {
                if (memberUpserted(s, id, stored, attrs, index)) {
                    listener.changed(s, Cause.UPSERT, id);
                }
                continue;
            }
            float score = sc.score(qs[s], stored);
            if (score < kths[s]) {
                continue; // the common case: not good enough for this subscription
            }
            if (candidate(s, id, score, attrs)) {
                listener.changed(s, Cause.UPSERT, id);
            }
        }
    }

    /** Updates every subscription after {@code id} was deleted from the shard's index. */
    public void onDelete(String id, ShardIndex index, ChangeListener listener) throws Exception {
        refreshMembership();
        IntList members = membership.get(id);
        if (members == null) {
            return;
        }
        int n = members.size;
        if (scratchSlots.length < n) {
            scratchSlots = new int[Math.max(n, scratchSlots.length * 2)];
        }
        System.arraycopy(members.values, 0, scratchSlots, 0, n);
        Arrays.sort(scratchSlots, 0, n);
        for (int i = 0; i < n; i++) {
            int s = scratchSlots[i];
            boolean wasFull = topSize[s] == ks[s];
            removeAt(s, positionOf(s, id));
            if (wasFull) {
                research(s, index);
            }
            listener.changed(s, Cause.DELETE, id);
        }
    }

    private int markMembers(String id) {
        if (++generation == 0) {
            Arrays.fill(mark, 0);
            generation = 1;
        }
        IntList members = membership.get(id);
        if (members != null) {
            for (int i = 0; i < members.size; i++) {
                mark[members.values[i]] = generation;
            }
        }
        return generation;
    }

    /** A non-member whose score reaches the k-th: returns whether it entered. */
    private boolean candidate(int s, String id, float score, Map<String, String> attrs) {
        int n = topSize[s];
        if (n == ks[s]) {
            float last = topScores[s][n - 1];
            if (score == last && id.compareTo(topIds[s][n - 1]) > 0) {
                return false;
            }
        }
        AttributeFilter f = filters[s];
        if (f != null && !f.matches(attrs)) {
            return false;
        }
        return insert(s, id, score);
    }

    /** A member was upserted again: returns whether the local top-k changed. */
    private boolean memberUpserted(
            int s, String id, float[] stored, Map<String, String> attrs, ShardIndex index) {
        int pos = positionOf(s, id);
        boolean wasFull = topSize[s] == ks[s];
        AttributeFilter f = filters[s];
        if (f != null && !f.matches(attrs)) {
            removeAt(s, pos);
            if (wasFull) {
                research(s, index);
            }
            return true;
        }
        float oldScore = topScores[s][pos];
        float score = scorer.score(queries[s], stored);
        if (Float.compare(score, oldScore) == 0) {
            return false;
        }
        if (wasFull && score < topScores[s][topSize[s] - 1]) {
            // It fell below the old k-th: an outsider may now rank above it.
            removeAt(s, pos);
            research(s, index);
            return true;
        }
        removeAt(s, pos);
        insert(s, id, score);
        return true;
    }

    /** Replaces a slot's local top-k with a fresh search of the shard. */
    private void research(int s, ShardIndex index) {
        int k = ks[s];
        for (int i = 0; i < topSize[s]; i++) {
            leave(topIds[s][i], s);
        }
        topSize[s] = 0;
        kth[s] = Float.NEGATIVE_INFINITY;
        float[] query = queries[s];
        AttributeFilter f = filters[s];
        idFilter.filter = f;
        List<SearchHit> hits =
                index.search(query, k, Math.max(specs[s].ef(), k), f == null ? null : idFilter);
        for (SearchHit hit : hits) {
            float[] v = index.vector(hit.id());
            if (v != null) {
                insert(s, hit.id(), scorer.score(query, v));
            }
        }
    }

    /** Inserts a non-member in rank order, evicting the last if full; returns whether it fit. */
    private boolean insert(int s, String id, float score) {
        String[] ids = topIds[s];
        float[] scores = topScores[s];
        int n = topSize[s];
        int k = ks[s];
        int pos = n;
        while (pos > 0 && ranksBefore(score, id, scores[pos - 1], ids[pos - 1])) {
            pos--;
        }
        if (pos >= k) {
            return false;
        }
        if (n == k) {
            leave(ids[k - 1], s);
            n--;
        }
        System.arraycopy(ids, pos, ids, pos + 1, n - pos);
        System.arraycopy(scores, pos, scores, pos + 1, n - pos);
        ids[pos] = id;
        scores[pos] = score;
        topSize[s] = n + 1;
        join(id, s);
        updateKth(s);
        return true;
    }

    private void removeAt(int s, int pos) {
        String[] ids = topIds[s];
        float[] scores = topScores[s];
        int n = topSize[s];
        leave(ids[pos], s);
        System.arraycopy(ids, pos + 1, ids, pos, n - pos - 1);
        System.arraycopy(scores, pos + 1, scores, pos, n - pos - 1);
        ids[n - 1] = null;
        topSize[s] = n - 1;
        updateKth(s);
    }

    private int positionOf(int s, String id) {
        String[] ids = topIds[s];
        for (int i = 0; i < topSize[s]; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("membership index out of sync for " + id);
    }

    private void updateKth(int s) {
        kth[s] = topSize[s] == ks[s] ? topScores[s][ks[s] - 1] : Float.NEGATIVE_INFINITY;
    }

    /** Total order of hits: score descending, then id ascending. */
    static boolean ranksBefore(float score, String id, float otherScore, String otherId) {
        return score > otherScore || (score == otherScore && id.compareTo(otherId) < 0);
    }

    private void join(String id, int s) {
        IntList list = membership.get(id);
        if (list == null) {
            list = new IntList();
            membership.put(id, list);
        }
        list.add(s);
    }

    private void leave(String id, int s) {
        IntList list = membership.get(id);
        if (list != null && list.remove(s) && list.size == 0) {
            membership.remove(id);
        }
    }

    private void refreshMembership() {
        if (membershipStale) {
            rebuildMembership();
        }
    }

    private void rebuildMembership() {
        membershipStale = false;
        membership.clear();
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < topSize[s]; i++) {
                join(topIds[s][i], s);
            }
        }
    }

    /** Puts a subscription into its sorted slot (replacing one with the same id), list empty. */
    private int install(String subscriptionId, SubscriptionSpec spec) {
        int slot = slotOf(subscriptionId);
        if (slot < 0) {
            slot = -slot - 1;
            ensureCapacity(count + 1);
            int tail = count - slot;
            System.arraycopy(subIds, slot, subIds, slot + 1, tail);
            System.arraycopy(specs, slot, specs, slot + 1, tail);
            System.arraycopy(queries, slot, queries, slot + 1, tail);
            System.arraycopy(ks, slot, ks, slot + 1, tail);
            System.arraycopy(kth, slot, kth, slot + 1, tail);
            System.arraycopy(filters, slot, filters, slot + 1, tail);
            System.arraycopy(topIds, slot, topIds, slot + 1, tail);
            System.arraycopy(topScores, slot, topScores, slot + 1, tail);
            System.arraycopy(topSize, slot, topSize, slot + 1, tail);
            count++;
        }
        subIds[slot] = subscriptionId;
        specs[slot] = spec;
        queries[slot] = spec.vector();
        ks[slot] = spec.k();
        kth[slot] = Float.NEGATIVE_INFINITY;
        filters[slot] = AttributeFilter.compile(spec.filter());
        topIds[slot] = new String[spec.k()];
        topScores[slot] = new float[spec.k()];
        topSize[slot] = 0;
        return slot;
    }

    private void ensureCapacity(int needed) {
        if (needed <= subIds.length) {
            return;
        }
        int cap = Math.max(needed, subIds.length * 2);
        subIds = Arrays.copyOf(subIds, cap);
        specs = Arrays.copyOf(specs, cap);
        queries = Arrays.copyOf(queries, cap);
        ks = Arrays.copyOf(ks, cap);
        kth = Arrays.copyOf(kth, cap);
        filters = Arrays.copyOf(filters, cap);
        topIds = Arrays.copyOf(topIds, cap);
        topScores = Arrays.copyOf(topScores, cap);
        topSize = Arrays.copyOf(topSize, cap);
        mark = Arrays.copyOf(mark, cap);
    }
}
