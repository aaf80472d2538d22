package org.vectorindex.operators.merge;

import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;
import org.vectorindex.operators.types.PartialResult.Cause;
import org.vectorindex.operators.types.ShardStats;

/**
 * What the merge operator does with one partial, free of Flink so it can be unit-tested: the
 * function only loads and stores the state objects these methods change.
 */
@Internal
public final class MergeLogic {
    private static final String[] NONE = new String[0];

    private MergeLogic() {}

    /**
     * Adds a shard's one-shot answer.
     *
     * @return true when every shard has answered (the result is then {@link #result})
     */
    public static boolean addOneShot(OneShotState st, PartialResult p) {
        if (!answered(st.answered, st.shardCount, st.collection, p)) {
            return false;
        }
        st.ranked = TopKMerger.merge(st.ranked, p.ids(), p.scores(), st.k);
        return Bits.count(st.answered) == st.shardCount;
    }

    /**
     * Marks {@code p}'s shard as answered; false, changing nothing, for a duplicate or a stray
     * partial from another layout (to be ignored).
     */
    private static boolean answered(
            long[] answered, int shardCount, String collection, PartialResult p) {
        if (p.shardCount() != shardCount
                || !p.collection().equals(collection)
                || Bits.get(answered, p.shard())) {
            return false;
        }
        Bits.set(answered, p.shard());
        return true;
    }

    /** The global result of a finished one-shot query. */
    public static MergedResult result(String queryId, OneShotState st, long nowMillis) {
        return MergedResult.result(
                queryId,
                st.collection,
                st.ranked.ids(),
                st.ranked.scores(),
                Math.max(0, nowMillis - st.ingestMillis));
    }

    /**
     * Adds a shard's answer to a stats request.
     *
     * @return true when every shard has answered (the answer is then {@link #statsResult})
     */
    public static boolean addStats(StatsState st, PartialResult p) {
        if (!answered(st.answered, st.shardCount, st.collection, p)) {
            return false;
        }
        st.sizes[p.shard()] = p.stats().size();
        st.digests[p.shard()] = p.stats().digest();
        return Bits.count(st.answered) == st.shardCount;
    }

    /** The merged answer of a finished stats request: every shard's stats in shard order. */
    public static MergedResult statsResult(String queryId, StatsState st) {
        ShardStats[] shards = new ShardStats[st.shardCount];
        for (int s = 0; s < shards.length; s++) {
            shards[s] = new ShardStats(st.sizes[s], st.digests[s]);
        }
        return MergedResult.stats(queryId, st.collection, shards);
    }

    /**
     * Applies a shard's latest local top-k to a subscription.
     *
     * @return the update to emit, or null when the merged top-k did not change (or not every shard
     *     has reported its initial top-k yet)
     */
    public static MergedResult applyContinuous(
            String subscriptionId, SubscriptionState st, PartialResult p) {
        int s = p.shard();
        if (s < 0 || s >= st.shardCount) {
            return null; // from another layout: callers check sameLayout first
        }
        // A re-subscription under the same id may change k: the newest partial says what it is.
        st.k = p.k();
        st.shardIds[s] = p.ids();
        st.shardScores[s] = p.scores();
        Bits.set(st.reported, s);
        return recompute(subscriptionId, st, p.cause(), p.causeId());
    }

    /** Emits version 1 once all shards have reported, then one update per change. */
    static MergedResult recompute(
            String subscriptionId, SubscriptionState st, Cause cause, String causeId) {
        if (!st.allReported()) {
            return null;
        }
        TopKMerger.Ranked merged = TopKMerger.merge(st.shardIds, st.shardScores, st.k);
        TopKMerger.Ranked previous = st.current;
        if (st.version == 0) {
            st.version = 1;
            st.current = merged;
            return update(subscriptionId, st, merged.ids(), NONE, Cause.SUBSCRIBE, subscriptionId);
        }
        if (TopKMerger.same(previous.ids(), previous.scores(), merged.ids(), merged.scores())) {
            return null;
        }
        st.version++;
        st.current = merged;
        return update(
                subscriptionId,
                st,
                TopKMerger.minus(merged.ids(), previous.ids()),
                TopKMerger.minus(previous.ids(), merged.ids()),
                cause,
                causeId);
    }

    private static MergedResult update(
            String subscriptionId,
            SubscriptionState st,
            String[] entered,
            String[] left,
            Cause cause,
            String causeId) {
        return MergedResult.update(
                subscriptionId,
                st.collection,
                st.current.ids(),
                st.current.scores(),
                st.version,
                entered,
                left,
                cause,
                causeId);
    }

    /**
     * Records that a shard closed the subscription.
     *
     * @return true when every shard has closed it and its state can go
     */
    public static boolean close(SubscriptionState st, int shard) {
        if (shard < 0 || shard >= st.shardCount) {
            return false;
        }
        st.closing = true;
        Bits.set(st.closed, shard);
        return Bits.count(st.closed) == st.shardCount;
    }

    /** Whether a partial comes from the collection and shard count {@code st} was built for. */
    public static boolean sameLayout(SubscriptionState st, PartialResult p) {
        return st.shardCount == p.shardCount() && st.collection.equals(p.collection());
    }

    /** Whether a continuous partial from this shard belongs to a re-subscription. */
    public static boolean belongsToSuccessor(SubscriptionState st, int shard) {
        return st.closing && Bits.get(st.closed, shard);
    }

    /** Fresh state for a subscription first seen in {@code p}. */
    public static SubscriptionState startSubscription(PartialResult p) {
        return SubscriptionState.start(p.collection(), p.shardCount(), p.k());
    }

    /** Fresh state for a stats request first seen in {@code p}. */
    public static StatsState startStats(PartialResult p) {
        return StatsState.start(p.collection(), p.shardCount());
    }

    /** Fresh state for a one-shot query first seen in {@code p}. */
    public static OneShotState startOneShot(PartialResult p) {
        return OneShotState.start(p.collection(), p.shardCount(), p.k(), p.ingestMillis());
    }
}
