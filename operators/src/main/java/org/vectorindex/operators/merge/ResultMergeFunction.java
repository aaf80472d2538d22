package org.vectorindex.operators.merge;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.vectorindex.operators.fault.FailureInjection;
import org.vectorindex.operators.metrics.MergeMetrics;
import org.vectorindex.operators.types.MergedResult;
import org.vectorindex.operators.types.PartialResult;

/**
 * Step 4 of the topology: merges per-shard partials, keyed by {@link PartialResult#mergeKey} (a
 * subscription's id; a one-shot or stats request's id and place in the queries topic, so two
 * requests in flight under one queryId are merged and answered apart).
 *
 * <ul>
 *   <li>One-shot: keeps a running merged top-k until every shard answered, emits the global result
 *       once with {@code tookMs} = processing time minus the query's ingest time, and clears the
 *       state.
 *   <li>Continuous: keeps each shard's latest local top-k; once all shards reported, emits version
 *       1 with the initial top-k, then an update (version + 1, entered, left, cause, whole top-k)
 *       each time the merged top-k changes, and nothing when it does not. When every shard has
 *       closed the subscription its state is cleared; partials of a re-subscription under the same
 *       id that overtake the last close are kept aside in a successor state.
 *   <li>Stats: keeps each shard's size and digest until every shard answered, emits them once in
 *       shard order, and clears the state.
 * </ul>
 *
 * One-shot, stats and continuous state are separate, so a queryId equal to a subscriptionId is
 * harmless. Subscription state lives on the heap between snapshots ({@link WriteBehindState}); run
 * this function in a {@link ResultMergeOperator}, which writes it to keyed state at each one. If a
 * shard never answers a one-shot query (it cannot, short of a changed layout), its state stays.
 */
@Internal
public final class ResultMergeFunction
        extends KeyedProcessFunction<String, PartialResult, MergedResult> {
    private static final long serialVersionUID = 1L;

    private FailureInjection failures = FailureInjection.NONE;

    private transient ValueState<OneShotState> oneShot;
    private transient MergeMetrics metrics;
    private transient ValueState<StatsState> stats;
    private transient WriteBehindState<SubscriptionState> subscription;
    private transient WriteBehindState<SubscriptionState> successor;

    /** Test hook: throw at planned points (off by default). */
    public ResultMergeFunction withFailureInjection(FailureInjection failures) {
        this.failures = failures == null ? FailureInjection.NONE : failures;
        return this;
    }

    private void emit(Collector<MergedResult> out, MergedResult result) {
        metrics.emitted(result);
        out.collect(result);
    }

    @Override
    public void open(OpenContext openContext) {
        failures.open(getRuntimeContext());
        metrics = new MergeMetrics(getRuntimeContext().getMetricGroup());
        oneShot =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "one-shot", OneShotStateSerializer.INSTANCE));
        stats =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("stats", StatsStateSerializer.INSTANCE));
        subscription = subscriptionState("subscription");
        successor = subscriptionState("subscription-successor");
    }

    private WriteBehindState<SubscriptionState> subscriptionState(String name) {
        return new WriteBehindState<>(
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        name, SubscriptionStateSerializer.INSTANCE)),
                SubscriptionStateSerializer.INSTANCE);
    }

    /** Writes the subscription states changed since the last snapshot; see the operator. */
    void persistChanges(Consumer<String> setCurrentKey) throws IOException {
        subscription.flush(setCurrentKey);
        successor.flush(setCurrentKey);
    }

    @Override
    public void processElement(PartialResult p, Context ctx, Collector<MergedResult> out)
            throws Exception {
        failures.onRecord();
        switch (p.kind()) {
            case ONE_SHOT -> oneShot(p, ctx, out);
            case CONTINUOUS -> continuous(ctx.getCurrentKey(), p, out);
            case CLOSED -> closed(ctx.getCurrentKey(), p, out);
            case STATS -> stats(p, out);
            default -> throw new IllegalStateException("unknown partial kind " + p.kind());
        }
    }

    private void oneShot(PartialResult p, Context ctx, Collector<MergedResult> out)
            throws Exception {
        OneShotState st = oneShot.value();
        if (st == null) {
            st = MergeLogic.startOneShot(p);
        }
        if (MergeLogic.addOneShot(st, p)) {
            emit(
                    out,
                    MergeLogic.result(
                            p.requestId(), st, ctx.timerService().currentProcessingTime()));
            oneShot.clear();
        } else {
            oneShot.update(st);
        }
    }

    private void stats(PartialResult p, Collector<MergedResult> out) throws Exception {
        StatsState st = stats.value();
        if (st == null) {
            st = MergeLogic.startStats(p);
        }
        if (MergeLogic.addStats(st, p)) {
            out.collect(MergeLogic.statsResult(p.requestId(), st));
            stats.clear();
        } else {
            stats.update(st);
        }
    }

    private void continuous(String key, PartialResult p, Collector<MergedResult> out)
            throws Exception {
        SubscriptionState st = subscription.value(key);
        boolean other = st != null && !MergeLogic.sameLayout(st, p);
        if (st != null && (other || MergeLogic.belongsToSuccessor(st, p.shard()))) {
            // A new subscription under this id, on another collection after an unsubscribe or on
            // this one after a close; its partials may overtake the old one's last closes.
            SubscriptionState next = successor.value(key);
            if (next == null || !MergeLogic.sameLayout(next, p)) {
                next = MergeLogic.startSubscription(p);
            }
            // Cannot be complete before the predecessor is gone: every shard closes first.
            MergeLogic.applyContinuous(p.requestId(), next, p);
            successor.update(key, next);
            return;
        }
        if (st != null && st.closing) {
            return; // the user unsubscribed: this shard has not heard yet, stay quiet
        }
        if (st == null) {
            st = MergeLogic.startSubscription(p);
        }
        MergedResult update = MergeLogic.applyContinuous(p.requestId(), st, p);
        subscription.update(key, st);
        if (update != null) {
            emit(out, update);
        }
    }

    private void closed(String key, PartialResult p, Collector<MergedResult> out) throws Exception {
        SubscriptionState st = subscription.value(key);
        if (st == null) {
            st = MergeLogic.startSubscription(p);
        } else if (!MergeLogic.sameLayout(st, p)) {
            closedSuccessor(key, p);
            return;
        }
        if (!MergeLogic.close(st, p.shard())) {
            subscription.update(key, st);
            return;
        }
        SubscriptionState next = successor.value(key);
        successor.clear(key);
        if (next == null) {
            subscription.clear(key);
            return;
        }
        subscription.update(key, next);
        if (next.closing && Bits.count(next.closed) == next.shardCount) {
            subscription.clear(key);
            return;
        }
        MergedResult update = MergeLogic.recompute(p.requestId(), next, p.cause(), p.causeId());
        if (update != null) {
            subscription.update(key, next);
            emit(out, update);
        }
    }

    /** A close from another layout than the current one's: the successor's, if any. */
    private void closedSuccessor(String key, PartialResult p) throws Exception {
        SubscriptionState next = successor.value(key);
        if (next == null || !MergeLogic.sameLayout(next, p)) {
            return; // nothing open under this id on that collection
        }
        MergeLogic.close(next, p.shard());
        successor.update(key, next);
    }
}
